/**
 * The sources slide of the PowerPoint deck: each entry's number, its title
 * and details, and its URL as a link under it (http, https and mailto only).
 */
import type { SourcesSlide } from '../../slides/types.js';
import { placeText, type SlidePart, textShape } from './_part.js';
import { type Paragraph, plainParagraph, type Run, safeUrl } from './_runs.js';
import type { Rect } from './_xml.js';

/** The sources: `[n]` and the entry, the URL a link under it. */
export function drawSources(slide: SourcesSlide, part: SlidePart, body: Rect): number {
  const { layout, palette } = part.deck;
  const s = layout.sources;
  const style = part.style({ size: s.size, lineHeight: 1.36, color: palette.text });
  const urlStyle = part.style({ size: s.urlSize, lineHeight: 1.36, color: palette.text });
  const numberW = part.z(s.numberColumn + s.columnGap);
  let y = body.y;
  for (const source of slide.sources) {
    const number = [plainParagraph(`[${source.number}]`, { bold: true })];
    placeText(part, {
      name: `Source ${source.number} number`,
      x: body.x,
      y,
      w: numberW,
      paragraphs: number,
      style: { ...style, color: palette.heading },
    });
    const entry: Run[] = [
      { text: source.title, italic: true },
      { text: `${source.details ? `. ${source.details}` : ''}.` },
    ];
    const paragraphs: Paragraph[] = [{ runs: entry, level: 0 }];
    const url = safeUrl(source.url);
    const entryShape = textShape(part, {
      name: `Source ${source.number}`,
      x: body.x + numberW,
      y,
      w: body.w - numberW,
      paragraphs,
      style,
    });
    part.add(entryShape.xml);
    let rect = entryShape.rect;
    if (url) {
      const link: Paragraph[] = [
        { runs: [{ text: source.url ?? url, link: { kind: 'url', url } }], level: 0 },
      ];
      const placed = textShape(part, {
        name: `Source ${source.number} link`,
        x: rect.x,
        y: rect.y + rect.h,
        w: rect.w,
        paragraphs: link,
        style: urlStyle,
      });
      part.add(placed.xml);
      rect = { ...rect, h: rect.h + placed.rect.h };
    }
    y += rect.h + part.z(s.gap);
  }
  return y - part.z(s.gap) - body.y;
}
