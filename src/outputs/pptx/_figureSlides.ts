/**
 * The figure and map slides (issue 18) as the deck sets them
 * (templates/partials/figure.hbs and map.hbs, themes/figures.css): the
 * picture at the top of the body, centred, at the size the slide model
 * gives it (the map as wide as the body), and the caption under it across
 * the body, "Figure N." in bold, the credit or source smaller and muted.
 */
import { escapeHtml } from '../../content/markdown.js';
import { FIGURE_CAPTION } from '../../slides/figures.js';
import type { FigureSlide, LocatorMapSlide } from '../../slides/types.js';
import { type Block, placeStack, type SlidePart } from './_part.js';
import { mapSize, placePicture } from './_pictures.js';
import { readHtml } from './_runs.js';
import { type Rect, ShapeList } from './_xml.js';

/** The caption, "Figure N." in bold, then, smaller and muted, the credit line. */
function captionBlocks(part: SlidePart, number: number, html: string, creditHtml?: string): Block[] {
  const c = FIGURE_CAPTION;
  const { palette } = part.deck;
  const runs = readHtml(html).flatMap((paragraph) => paragraph.runs);
  const caption: Block = {
    name: 'Caption',
    paragraphs: [{ runs: [{ text: `Figure ${number}.`, bold: true }, { text: ' ' }, ...runs], level: 0 }],
    style: part.style({ size: c.size, lineHeight: c.lineHeight, color: palette.text }),
  };
  const credit: Block = {
    name: 'Credit',
    paragraphs: creditHtml ? readHtml(creditHtml) : [],
    style: part.style({ size: c.creditSize, lineHeight: c.creditLineHeight, color: palette.muted }),
  };
  return [caption, credit];
}

/** The picture centred at the top of the body at `size` (zoomed), the caption under it; returns the height taken. */
function pictureAndCaption(
  part: SlidePart,
  body: Rect,
  picture: { number: number; name: string; descr: string; size: { width: number; height: number } },
  caption: Block[],
): number {
  const w = part.z(picture.size.width);
  const h = part.z(picture.size.height);
  const rect = { x: body.x + (body.w - w) / 2, y: body.y, w, h };
  placePicture(part, { number: picture.number, name: picture.name, descr: picture.descr, rect });
  const y = rect.y + h + part.z(FIGURE_CAPTION.gap);
  const list = new ShapeList();
  const height = placeStack(part, list, { x: body.x, y, w: body.w }, caption);
  for (const xml of list.parts) part.add(xml);
  return y - body.y + height;
}

export function drawFigure(slide: FigureSlide, part: SlidePart, body: Rect): number {
  const credit = slide.credit
    ? `Credit: ${escapeHtml(slide.credit)}${slide.citationHtml ? ` ${slide.citationHtml}` : ''}`
    : slide.citationHtml
      ? `Source: ${slide.citationHtml}`
      : undefined;
  return pictureAndCaption(
    part,
    body,
    {
      number: slide.figureNumber,
      name: `Figure ${slide.figureNumber}`,
      descr: slide.alt,
      size: { width: slide.width, height: slide.height },
    },
    captionBlocks(part, slide.figureNumber, slide.captionHtml, credit),
  );
}

export function drawMap(slide: LocatorMapSlide, part: SlidePart, body: Rect): number {
  return pictureAndCaption(
    part,
    body,
    {
      number: slide.figureNumber,
      name: `Figure ${slide.figureNumber}: ${slide.heading}`,
      descr: slide.description,
      size: mapSize(slide.svgHtml, body.w),
    },
    captionBlocks(part, slide.figureNumber, escapeHtml(slide.caption)),
  );
}
