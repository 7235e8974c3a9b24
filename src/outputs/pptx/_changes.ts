/**
 * The "Changes since …" slide (`--since`) in the PowerPoint deck: each
 * group under its small heading, as the deck sets it, its lines as bullets,
 * a judgment's reason under its line.
 */
import type { ChangesSlide } from '../../slides/types.js';
import { placeText, type SlidePart } from './_part.js';
import { type Paragraph, plainParagraph, readHtml } from './_runs.js';
import type { Rect } from './_xml.js';

export function drawChanges(slide: ChangesSlide, part: SlidePart, body: Rect): number {
  const { layout, palette } = part.deck;
  const s = layout.situation;
  const heading = part.style({
    size: s.pointsHeadingSize,
    lineHeight: 1.3,
    color: palette.muted,
    bold: true,
    caps: true,
    tracking: 0.1,
  });
  const line = part.style({
    size: s.pointSize,
    lineHeight: s.pointLineHeight,
    color: palette.text,
    gap: s.pointGap,
    indent: s.pointIndent,
    bulletColor: palette.accent,
    bulletChar: '■',
    bulletScale: 0.55,
  });
  let y = body.y;
  slide.groups.forEach((group, index) => {
    if (index > 0) y += part.z(s.gap);
    y += placeText(part, {
      name: group.title,
      x: body.x,
      y,
      w: body.w,
      paragraphs: [plainParagraph(`${group.title}${group.continued ? ' (continued)' : ''}`)],
      style: heading,
    });
    const paragraphs = group.lines.flatMap((item): Paragraph[] => {
      const first = readHtml(item.html).map(
        (paragraph): Paragraph => ({ ...paragraph, list: { type: 'bullet', start: 1 } }),
      );
      const why = item.noteHtml
        ? readHtml(`Why: ${item.noteHtml}`).map((paragraph): Paragraph => ({ ...paragraph, continued: true }))
        : [];
      return [...first, ...why];
    });
    y += placeText(part, { name: `${group.title} lines`, x: body.x, y, w: body.w, paragraphs, style: line });
  });
  return y - body.y;
}
