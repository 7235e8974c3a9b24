/**
 * The "Changes since …" slide (`--since`) in the PowerPoint deck: each
 * group under a small capitals heading and its lines as bullets, as the key
 * facts are set, a judgment's reason under its line.
 */
import type { ChangesSlide } from '../../slides/types.js';
import { type Block, placeStack, type SlidePart } from './_part.js';
import { type Paragraph, plainParagraph, readHtml } from './_runs.js';
import { keyFactStyles } from './_textSlides.js';
import { type Rect, ShapeList } from './_xml.js';

export function drawChanges(slide: ChangesSlide, part: SlidePart, body: Rect): number {
  const s = part.deck.layout.situation;
  const { heading, point } = keyFactStyles(part);
  const bullet = (paragraph: Paragraph): Paragraph => ({ ...paragraph, list: { type: 'bullet', start: 1 } });
  const under = (paragraph: Paragraph): Paragraph => ({ ...paragraph, continued: true });
  const blocks = slide.groups.flatMap((group, index): Block[] => [
    {
      name: group.title,
      paragraphs: [plainParagraph(`${group.title}${group.continued ? ' (continued)' : ''}`)],
      style: heading,
      ...(index > 0 ? { gap: part.z(s.gap) } : {}),
    },
    {
      name: `${group.title}: lines`,
      paragraphs: group.lines.flatMap((line) => [
        ...readHtml(line.html).map(bullet),
        ...(line.noteHtml ? readHtml(`Why: ${line.noteHtml}`).map(under) : []),
      ]),
      style: point,
      gap: part.z(s.pointsHeadingGap),
    },
  ]);
  const list = new ShapeList();
  const height = placeStack(part, list, body, blocks);
  for (const xml of list.parts) part.add(xml);
  return height;
}
