/**
 * The running header and footer of the handout (page-margin boxes, handout.css) stay on one line: a
 * text too wide for its box is cut at a word, else a letter, and ends in an ellipsis. Measured with
 * the font's metrics (slides/textMetrics.ts), since a page-margin box neither clips nor ellipsises.
 */
import { textWidth, type Weight } from '../../slides/textMetrics.js';

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

/** `text` as it fits its box on one line, shortened with an ellipsis when it does not. */
export function runningText(text: string, box: keyof typeof RUNNING_BOXES): string {
  const { width, size, weight } = RUNNING_BOXES[box];
  const line = text.replace(/\s+/g, ' ').trim();
  if (textWidth(line, size, weight) <= width) return line;
  const fits = (head: string) => textWidth(`${head}…`, size, weight) <= width;
  const words = line.split(' ');
  while (words.length > 1 && !fits(words.join(' '))) words.pop();
  let head = words.join(' ');
  while (head.length > 1 && !fits(head)) head = head.slice(0, -1);
  return `${head.replace(/[\s,;:.–—-]+$/u, '')}…`;
}
