/**
 * The timeline as shapes, grouped: a date column, a line through a dot per
 * event, and the event with its place, as in the deck.
 */
import type { TimelineSlide } from '../../slides/types.js';
import { markFirst } from './_marks.js';
import type { SlidePart } from './_part.js';
import { type Block, placeStack, textShape } from './_part.js';
import { type Paragraph, plainParagraph, readHtml } from './_runs.js';
import type { Palette } from './_theme.js';
import { group, type Rect, ShapeList, shape } from './_xml.js';

const DOT = 14;
const DOT_INSET = 11;
const DOT_TOP = 8;
const DOT_BORDER = 3;
const LINE_WIDTH = 2;

type Event = TimelineSlide['events'][number];

function timelineStyles(part: SlidePart) {
  const { layout, palette } = part.deck;
  const t = layout.timeline;
  return {
    date: part.style({
      size: t.dateSize,
      lineHeight: t.dateLineHeight,
      color: palette.heading,
      bold: true,
      // Set against the line, as the deck's `.bd-when`: its right, or its left once mirrored right to left.
      align: part.deck.model.dir === 'rtl' ? 'l' : 'r',
    }),
    event: part.style({ size: t.eventSize, lineHeight: t.eventLineHeight, color: palette.text }),
    place: part.style({ size: t.placeSize, lineHeight: t.placeLineHeight, color: palette.muted }),
  };
}

/**
 * An event's place, with its number on the locator map before it when the map numbers it (the deck's
 * accent chip; here the number in bold in the accent, readable on the background).
 */
function placeParagraph(event: Event, palette: Palette): Paragraph {
  const place = plainParagraph(event.place ?? '');
  if (event.mapNumber === undefined) return place;
  const number = {
    text: String(event.mapNumber),
    bold: true,
    color: palette.accentText,
  };
  return { ...place, runs: [number, { text: '\u2002' }, ...place.runs] };
}

/** One event's date (right-aligned), its text and its place, from `y`, into `list`; returns its height. */
function drawEvent(
  part: SlidePart,
  list: ShapeList,
  event: Event,
  n: number,
  at: { x: number; y: number; w: number },
): number {
  const t = part.deck.layout.timeline;
  const styles = timelineStyles(part);
  const dateW = part.z(t.dateColumn);
  const textX = at.x + dateW + part.z(t.dotColumn);
  const textW = at.w - dateW - part.z(t.dotColumn);
  const dateParagraphs = [plainParagraph(event.date)];
  const date = textShape(part, {
    name: `Date ${n}`,
    x: at.x,
    y: at.y,
    w: dateW,
    paragraphs: dateParagraphs,
    style: styles.date,
  });
  list.add(date.xml, date.rect);
  const blocks: Block[] = [
    {
      name: `Event ${n}`,
      paragraphs: markFirst(readHtml(event.eventHtml), event.change, part.deck.palette),
      style: styles.event,
    },
    {
      name: `Place ${n}`,
      paragraphs: event.place ? [placeParagraph(event, part.deck.palette)] : [],
      style: styles.place,
    },
  ];
  return Math.max(date.rect.h, placeStack(part, list, { x: textX, y: at.y, w: textW }, blocks));
}

/** The timeline, grouped: the line, a dot per event on it, and the events. */
export function drawTimeline(slide: TimelineSlide, part: SlidePart, body: Rect): number {
  const { layout, palette } = part.deck;
  const t = layout.timeline;
  const z = (v: number) => part.z(v);
  const dotX = body.x + z(t.dateColumn + DOT_INSET);
  // The border is drawn on the outline, half inside: each dot is inset by half of it.
  const inset = z(DOT_BORDER) / 2;
  const texts = new ShapeList();
  const dots = new ShapeList();
  let y = body.y;
  slide.events.forEach((event, i) => {
    const dot = { x: dotX + inset, y: y + z(DOT_TOP) + inset, w: z(DOT) - 2 * inset, h: z(DOT) - 2 * inset };
    const line = { color: palette.accent, width: z(DOT_BORDER) };
    dots.add(
      shape(part.ids, { name: `Dot ${i + 1}`, rect: dot, geometry: 'ellipse', fill: palette.bg, line }),
      dot,
    );
    y += drawEvent(part, texts, event, i + 1, { x: body.x, y, w: body.w }) + z(t.gap);
  });
  const bottom = y - z(t.gap);
  // The line runs through the dots' centres, under them.
  const rule = {
    x: dotX + z(DOT) / 2 - z(LINE_WIDTH) / 2,
    y: body.y + z(DOT_TOP),
    w: z(LINE_WIDTH),
    h: Math.max(0, bottom - body.y - 2 * z(DOT_TOP)),
  };
  const all = new ShapeList();
  all.add(shape(part.ids, { name: 'Timeline line', rect: rule, geometry: 'rect', fill: palette.line }), rule);
  all.add(dots.parts.join(''), dots.bounds);
  all.add(texts.parts.join(''), texts.bounds);
  part.add(group(part.ids, 'Timeline', `Timeline: ${slide.description}`, all));
  return bottom - body.y;
}
