/**
 * The situation: the summary and the key facts, side by side on a wide
 * slide when both fit, else one under the other; a long situation flows
 * over slides, the key facts starting under the end of the summary.
 */
import type { ChangeMark, SituationContent } from '../content/index.js';
import type { SlideBuilder, SlideContent, SlideContext } from './_group.js';
import { withMark } from './_marks.js';
import { paginateRuns, stackHeight, textHeight } from './paginate.js';
import type { SituationSlide } from './types.js';

type Paragraph = { kind: 'paragraph'; text: string; html: string };
type Point = { kind: 'point'; text: string; html: string; index: number; change?: ChangeMark };
type Block = Paragraph | Point;

export function situationSlides(
  build: SlideBuilder,
  situation: SituationContent,
  context: SlideContext,
): void {
  const { layout, page } = context;
  const s = layout.situation;
  const paragraphs: Paragraph[] = situation.paragraphs.map(({ markdown, html }) => ({
    kind: 'paragraph',
    text: markdown,
    html,
  }));
  const pointBlocks: Point[] = situation.points.map(({ markdown, html, change }, index) => ({
    kind: 'point',
    text: withMark(markdown, change),
    html,
    index,
    ...(change ? { change } : {}),
  }));
  const summaryStyle = { size: s.summarySize, lineHeight: s.summaryLineHeight };
  const pointStyle = { size: s.pointSize, lineHeight: s.pointLineHeight };
  const boxFrame =
    s.pointsRule +
    s.pointsPadTop +
    s.pointsPadBottom +
    s.pointsHeadingSize * layout.text.headingLineHeight +
    s.pointsHeadingGap;
  /** Height of paragraphs and points set in a column `width` px wide: the summary, then the key facts' box. */
  const height = (blocks: readonly Block[], width: number) => {
    const text = blocks
      .filter((b) => b.kind === 'paragraph')
      .map((b) => textHeight(b.text, width, summaryStyle));
    const facts = blocks
      .filter((b) => b.kind === 'point')
      .map((b) => textHeight(b.text, width - 2 * s.pointsPadX - s.pointIndent, pointStyle));
    const box = facts.length > 0 ? boxFrame + stackHeight(facts, s.pointGap) : 0;
    return stackHeight(text, s.paragraphGap) + (text.length > 0 && box > 0 ? s.gap : 0) + box;
  };

  const pages: SlideContent<SituationSlide>[] = [];
  const summaryWidth = (page.width * s.summaryShare) / 100;
  const pointsWidth = page.width - s.columnGap - summaryWidth;
  if (
    page.wide &&
    pointBlocks.length > 0 &&
    height(paragraphs, summaryWidth) <= page.height &&
    height(pointBlocks, pointsWidth) <= page.height
  ) {
    pages.push({
      summaryHtml: situation.summaryHtml,
      points: pointBlocks.map(shownPoint),
      pointsContinued: false,
      twoColumns: true,
    });
  } else {
    for (const run of paginateRuns(
      [...paragraphs, ...pointBlocks],
      (r) => height(r, page.width),
      page.height,
    )) {
      const text = run.flatMap((b) => (b.kind === 'paragraph' ? [b.html] : []));
      const facts = run.flatMap((b) => (b.kind === 'point' ? [b] : []));
      pages.push({
        // A run of the summary's paragraphs, each rendered alone; all of them, the summary as rendered whole.
        summaryHtml: text.length === paragraphs.length ? situation.summaryHtml : text.join('\n'),
        points: facts.map(shownPoint),
        pointsContinued: (facts[0]?.index ?? 0) > 0,
        twoColumns: false,
      });
    }
  }
  build.add<SituationSlide>('situation', pages, {
    kind: 'situation',
    heading: 'Situation',
    yamlPath: () => 'situation',
  });
}

/** A key fact as its slide shows it: its HTML, and its mark when it has one. */
function shownPoint(point: Point): { html: string; change?: ChangeMark } {
  return point.change ? { html: point.html, change: point.change } : { html: point.html };
}
