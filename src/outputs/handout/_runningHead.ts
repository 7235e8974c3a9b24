/**
 * The running header and footer of the handout (page-margin boxes, handout.css) stay on one line: a
 * text too wide for its box is cut at a word, else a letter, and ends in an ellipsis. Measured with
 * the font's metrics (format/textMetrics.ts), since a page-margin box neither clips nor ellipsises.
 * A long marking takes the room it needs from the texts beside it; a long organisation in the footer
 * takes what a short marking leaves.
 */
import { markingLine } from '../../format/marking.js';
import { textWidth, type Weight } from '../../format/textMetrics.js';

/**
 * The boxes' widths in CSS px (their share of A4's 174 mm text width, handout.css, less a margin) and
 * type. The date's box takes a whole `as_of` in English (`As of 30 September 2025, 18:00 UTC+02:00`):
 * its zone says when the briefing was true; the title is whole on the first page.
 */
export const RUNNING_BOXES = {
  title: { width: 198, size: 8 * (4 / 3), weight: 600 },
  date: { width: 194, size: 8 * (4 / 3), weight: 400 },
  organization: { width: 186, size: 8 * (4 / 3), weight: 400 },
} as const satisfies Record<string, { width: number; size: number; weight: Weight }>;

const MM = 72 / 25.4;
/** A page's text width, in points: the paper's width less the side margins of 18 mm (handout.css). */
export const PAGE_TEXT_WIDTH = { a4: 174 * MM, letter: 612 - 36 * MM } as const;
/** A4's text width in CSS px, which the running head and the tables are measured at: Letter's is wider. */
export const TEXT_WIDTH = PAGE_TEXT_WIDTH.a4 * (4 / 3);
/** The marking's type (handout.css, @top-center): 12 pt bold capitals, 3 mm either side. */
const MARKING = { size: 12 * (4 / 3), smallest: 6 * (4 / 3), padding: (2 * 3 * 96) / 25.4 + 2 };
/** The marking's share of the width as handout.css sets it, and the most it takes before its type is set smaller. */
const CENTRE = { usual: 0.37, most: 0.7 };
/** What a box beside the marking keeps of its share of the width, for its margin. */
const SIDE_MARGIN = 12;

/**
 * The boxes of the running header and footer for a marking too long for its usual box, which
 * would be cut: the marking's box as wide as the marking, the boxes beside it narrower and their
 * texts shortened to fit. A marking wider than most of the width is set smaller (not below 6 pt;
 * TLP's labels, which must be 12 pt, are short), and past that takes the whole width.
 */
export interface MarkingBoxes {
  /** The marking's box and each box beside it, as shares of the width. */
  centre: number;
  side: number;
  /** The marking's type size in px, when it is set smaller than 12 pt. */
  markingSize?: number;
}

/** The share of the width the marking takes, set at `size` px, with its padding. */
function markingNeeds(marking: string, size = MARKING.size): number {
  const line = markingLine(marking);
  return (textWidth(line, size, 700) + MARKING.padding) / TEXT_WIDTH;
}

/** Undefined when the marking fits the boxes as handout.css sets them. */
export function markingBoxes(marking: string | undefined): MarkingBoxes | undefined {
  if (!marking) return undefined;
  const needs = (size: number) => markingNeeds(marking, size);
  const full = needs(MARKING.size);
  if (full <= CENTRE.usual) return undefined;
  if (full <= CENTRE.most) return { centre: full, side: (1 - full) / 2 };
  const scale = (CENTRE.most * TEXT_WIDTH - MARKING.padding) / (full * TEXT_WIDTH - MARKING.padding);
  const markingSize = Math.max(MARKING.smallest, MARKING.size * scale);
  const centre = Math.min(1, needs(markingSize));
  return { centre, side: (1 - centre) / 2, markingSize };
}

/** `text` as it fits its box on one line, shortened with an ellipsis when it does not (to nothing when the box is too narrow even for that). */
export function runningText(text: string, box: keyof typeof RUNNING_BOXES, boxes?: MarkingBoxes): string {
  const { size, weight } = RUNNING_BOXES[box];
  const width = boxes ? boxes.side * TEXT_WIDTH - SIDE_MARGIN : RUNNING_BOXES[box].width;
  if (textWidth('…', size, weight) > width) return '';
  const line = text.replace(/\s+/g, ' ').trim();
  if (textWidth(line, size, weight) <= width) return line;
  const fits = (head: string) => textWidth(`${head}…`, size, weight) <= width;
  const words = line.split(' ');
  while (words.length > 1 && !fits(words.join(' '))) words.pop();
  let head = words.join(' ');
  while (head.length > 1 && !fits(head)) head = head.slice(0, -1);
  return `${head.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/** The footer's boxes beside the marking as handout.css sets them (the organisation's and the page number's): a share of the width each. */
const FOOTER_SIDE = 0.3;

/**
 * The footer's boxes for an organisation too long for its usual box, when a short marking leaves room:
 * the boxes beside the marking as wide as the organisation needs, the marking's box narrower, never
 * narrower than the marking, still centred (the page number needs little of its box). Undefined when
 * the organisation fits, or when the marking is too long for its usual box (`markingBoxes` sets them).
 */
export function footerBoxes(
  organization: string | undefined,
  marking: string | undefined,
): MarkingBoxes | undefined {
  if (!organization || markingBoxes(marking)) return undefined;
  const { size, weight } = RUNNING_BOXES.organization;
  const line = organization.replace(/\s+/g, ' ').trim();
  if (textWidth(line, size, weight) <= RUNNING_BOXES.organization.width) return undefined;
  // A pixel to spare, against rounding.
  const wanted = (textWidth(line, size, weight) + SIDE_MARGIN + 1) / TEXT_WIDTH;
  const side = Math.max(FOOTER_SIDE, Math.min(wanted, (1 - (marking ? markingNeeds(marking) : 0)) / 2));
  // The marking's box is `centre` wide inside its padding (handout.css, @bottom-center), which the width must also hold.
  return { centre: 1 - 2 * side - (2 * 3) / 174, side };
}
