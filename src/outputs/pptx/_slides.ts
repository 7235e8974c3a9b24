/**
 * Each slide of the model as a slide part: its heading in the title
 * placeholder, its content drawn by the module for its kind, set a little
 * smaller when the font's metrics say it would not fit, and its speaker
 * notes as a notes part.
 */

import type { CombinedSlide, SlideModel } from '../../slides/types.js';
import { drawActorMap } from './_actorMap.js';
import { drawActors } from './_cards.js';
import { drawChanges } from './_changes.js';
import { drawFigure, drawMap } from './_figureSlides.js';
import { type Deck, textContextOf } from './_frame.js';
import { REL_TYPES, type Rels } from './_package.js';
import { placeText, SlidePart, titlePlaceholder } from './_part.js';
import { drawRisks } from './_riskCards.js';
import { drawRiskMatrix } from './_riskMatrix.js';
import { type Paragraph, plainParagraph, readHtml } from './_runs.js';
import { drawSources } from './_sources.js';
import { drawRecommendations, drawRiskRegister } from './_table.js';
import { paragraphsXml, type TextStyle, textBody, textHeight } from './_text.js';
import { drawBluf, drawDecisions, drawSituation, drawTitle } from './_textSlides.js';
import { drawTimeline } from './_timeline.js';
import { NS, type Rect, ShapeIds, TREE_START, XML_DECL } from './_xml.js';

/** Zoom steps tried, largest first, until the content fits its body. */
const ZOOMS = [1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6];

function drawContent(slide: SlideModel, part: SlidePart, body: Rect): number {
  switch (slide.kind) {
    case 'title':
      return drawTitle(slide, part);
    case 'bluf':
      return drawBluf(slide, part, body);
    case 'decisions':
      return drawDecisions(slide, part, body);
    case 'changes':
      return drawChanges(slide, part, body);
    case 'situation':
      return drawSituation(slide, part, body);
    case 'timeline':
      return drawTimeline(slide, part, body);
    case 'actor-map':
      return drawActorMap(slide, part, body);
    case 'actors':
      return drawActors(slide, part, body);
    case 'risk-matrix':
      return drawRiskMatrix(slide, part, body);
    case 'risk-register':
      return drawRiskRegister(slide, part, body);
    case 'risks':
      return drawRisks(slide, part, body);
    case 'recommendations':
      return drawRecommendations(slide, part, body);
    case 'sources':
      return drawSources(slide, part, body);
    case 'combined':
      return drawCombined(slide, part, body);
    case 'figure':
      return drawFigure(slide, part, body);
    case 'map':
      return drawMap(slide, part, body);
  }
}

/** Two short groups on one slide: each section under its own heading, one under the other. */
function drawCombined(slide: CombinedSlide, part: SlidePart, body: Rect): number {
  const { layout, palette } = part.deck;
  const c = layout.combined;
  const label = part.style({
    size: c.headingSize,
    lineHeight: layout.text.headingLineHeight,
    color: palette.muted,
    bold: true,
    caps: true,
    tracking: 0.1,
  });
  let y = body.y;
  slide.sections.forEach((section, index) => {
    if (index > 0) y += part.z(c.gap);
    y += placeText(part, {
      name: section.heading,
      x: body.x,
      y,
      w: body.w,
      paragraphs: [plainParagraph(section.heading)],
      style: label,
    });
    y += part.z(c.headingGap);
    y += drawContent(section, part, { ...body, y, h: body.y + body.h - y });
  });
  return y - body.y;
}

/** Heading sizes tried, as shares of the deck's, largest first, until the heading fits its box. */
const HEADING_SCALES = [1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5, 0.45, 0.4];

/**
 * The heading in the title placeholder, set smaller when the font's metrics say it would wrap out of its
 * box: the placeholder is anchored at its foot, so a second line would grow up under the top banner.
 * `fits` is false when even the smallest size needs more room than the box has.
 */
function heading(slide: SlideModel, part: SlidePart): { xml: string; fits: boolean } {
  const { palette, frame, metrics } = part.deck;
  const runs: Paragraph['runs'] = [{ text: slide.heading }];
  // The part label is muted and smaller, as in the deck.
  if (slide.part) runs.push({ text: ` (${slide.part})`, scale: 0.72, color: palette.muted, regular: true });
  const paragraphs: Paragraph[] = [{ runs, level: 0 }];
  const styleAt = (scale: number): TextStyle => ({
    size: frame.headingSize * scale,
    lineHeight: 1.15,
    color: palette.heading,
    bold: true,
  });
  const scale = HEADING_SCALES.find(
    (k) => textHeight(paragraphs, frame.heading.w, styleAt(k), metrics) <= frame.heading.h + 0.5,
  );
  const xml = titlePlaceholder(
    part,
    'title',
    paragraphs,
    styleAt(scale ?? (HEADING_SCALES.at(-1) as number)),
  );
  return { xml, fits: scale !== undefined };
}

/** The layout a slide uses: the title slide's, or "Title Only". */
export const layoutFileOf = (slide: SlideModel): string =>
  slide.kind === 'title' ? '../slideLayouts/slideLayout1.xml' : '../slideLayouts/slideLayout2.xml';

/** A slide's XML and relationships. */
export function slideXml(
  slide: SlideModel,
  deck: Deck,
): { xml: string; rels: Rels; zoom: number; fits: boolean } {
  const start = slide.dense ? deck.layout.slide.denseZoom : 1;
  const body = deck.frame.body;
  const available =
    slide.kind === 'title' ? deck.frame.foot.y - deck.frame.banner - deck.layout.slide.bodyBottom : body.h;
  let part = new SlidePart(deck, layoutFileOf(slide), start);
  let fits = false;
  let headingFits = true;
  for (const step of ZOOMS) {
    part = new SlidePart(deck, layoutFileOf(slide), start * step);
    if (slide.kind !== 'title') {
      const title = heading(slide, part);
      part.add(title.xml);
      headingFits = title.fits;
    }
    fits = drawContent(slide, part, body) <= available + 0.5;
    if (fits) break;
  }
  const xml =
    `${XML_DECL}<p:sld ${NS}><p:cSld><p:spTree>${TREE_START}${part.shapes.join('')}</p:spTree></p:cSld>` +
    '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>';
  return { xml, rels: part.rels, zoom: part.zoom, fits: fits && headingFits };
}

/** The notes as plain text: paragraphs, and list items with real bullets. */
export function notesParagraphs(html: string): Paragraph[] {
  return readHtml(html).map((paragraph) => ({
    ...paragraph,
    runs: [
      {
        text: paragraph.runs
          .map((run) => (run.sup ? `[${run.text.replace(/[[\]]/g, '')}]` : run.text))
          .join(''),
      },
    ],
  }));
}

/** A notes slide: the slide's image and its notes. */
export function notesXml(paragraphs: Paragraph[], deck: Deck, rels: Rels, slideFile: string): string {
  rels.add(REL_TYPES.notesMaster, '../notesMasters/notesMaster1.xml');
  rels.add(REL_TYPES.slide, slideFile);
  const ids = new ShapeIds();
  const context = textContextOf(deck, '#000000');
  const text = paragraphsXml(
    paragraphs,
    { size: 16, lineHeight: 1.3, color: '#000000', gap: 6, indent: 16 },
    context,
  );
  const ph = (type: string, idx: number, name: string, body: string) =>
    `<p:sp><p:nvSpPr><p:cNvPr id="${ids.next()}" name="${name}"/><p:cNvSpPr><a:spLocks noGrp="1"${type === 'sldImg' ? ' noRot="1" noChangeAspect="1"' : ''}/></p:cNvSpPr>` +
    `<p:nvPr><p:ph type="${type}" idx="${idx}"/></p:nvPr></p:nvSpPr><p:spPr/>${body}</p:sp>`;
  return (
    `${XML_DECL}<p:notes ${NS}><p:cSld><p:spTree>${TREE_START}` +
    ph('sldImg', 2, 'Slide Image', '') +
    ph('body', 3, 'Notes', textBody(text)) +
    '</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>'
  );
}
