/**
 * The timeline as shapes, grouped: a date column, a line through a dot per
 * event, and the event with its place, as in the deck.
 */
import type { TimelineSlide } from '../../slides/types.js';
import type { SlidePart } from './_part.js';
import { textShape } from './_part.js';
import { plainParagraph, readHtml } from './_runs.js';
import { group, ShapeList, shape } from './_xml.js';

const DOT = 14;
const DOT_INSET = 11;
const DOT_TOP = 8;
const DOT_BORDER = 3;
const LINE_WIDTH = 2;

export function drawTimeline(
  slide: TimelineSlide,
  part: SlidePart,
  body: { x: number; y: number; w: number },
): number {
  const { layout, palette } = part.deck;
  const t = layout.timeline;
  const dateW = part.z(t.dateColumn);
  const dotW = part.z(t.dotColumn);
  const textX = body.x + dateW + dotW;
  const textW = body.w - dateW - dotW;
  const dateStyle = part.style({
    size: t.dateSize,
    lineHeight: t.dateLineHeight,
    color: palette.heading,
    bold: true,
    align: 'r',
  });
  const eventStyle = part.style({ size: t.eventSize, lineHeight: t.eventLineHeight, color: palette.text });
  const placeStyle = part.style({ size: t.placeSize, lineHeight: t.placeLineHeight, color: palette.muted });
  const dotX = body.x + dateW + part.z(DOT_INSET);
  const list = new ShapeList();
  const dots = new ShapeList();
  let y = body.y;
  slide.events.forEach((event, i) => {
    const date = textShape(part, {
      name: `Date ${i + 1}`,
      x: body.x,
      y,
      w: dateW,
      paragraphs: [plainParagraph(event.date)],
      style: dateStyle,
    });
    const what = textShape(part, {
      name: `Event ${i + 1}`,
      x: textX,
      y,
      w: textW,
      paragraphs: readHtml(event.eventHtml),
      style: eventStyle,
    });
    list.add(date.xml, date.rect);
    list.add(what.xml, what.rect);
    let height = Math.max(date.rect.h, what.rect.h);
    if (event.place) {
      const place = textShape(part, {
        name: `Place ${i + 1}`,
        x: textX,
        y: y + what.rect.h,
        w: textW,
        paragraphs: [plainParagraph(event.place)],
        style: placeStyle,
      });
      list.add(place.xml, place.rect);
      height = Math.max(height, what.rect.h + place.rect.h);
    }
    // The border is drawn on the outline, half inside: the ellipse is inset by half of it.
    const inset = part.z(DOT_BORDER) / 2;
    const dot = {
      x: dotX + inset,
      y: y + part.z(DOT_TOP) + inset,
      w: part.z(DOT) - 2 * inset,
      h: part.z(DOT) - 2 * inset,
    };
    dots.add(
      shape(part.ids, {
        name: `Dot ${i + 1}`,
        rect: dot,
        geometry: 'ellipse',
        fill: palette.bg,
        line: { color: palette.accent, width: part.z(DOT_BORDER) },
      }),
      dot,
    );
    y += height + part.z(t.gap);
  });
  const bottom = y - part.z(t.gap);
  // The line runs through the dots' centres, under them.
  const lineX = dotX + part.z(DOT) / 2 - part.z(LINE_WIDTH) / 2;
  const line = {
    x: lineX,
    y: body.y + part.z(DOT_TOP),
    w: part.z(LINE_WIDTH),
    h: Math.max(0, bottom - body.y - 2 * part.z(DOT_TOP)),
  };
  const all = new ShapeList();
  all.add(shape(part.ids, { name: 'Timeline line', rect: line, geometry: 'rect', fill: palette.line }), line);
  all.add(dots.parts.join(''), dots.bounds);
  all.add(list.parts.join(''), list.bounds);
  part.add(group(part.ids, 'Timeline', `Timeline: ${slide.description}`, all));
  return bottom - body.y;
}
