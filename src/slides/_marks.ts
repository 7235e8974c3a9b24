/**
 * A NEW or UPDATED mark (`--since`) is set inline before or after an
 * item's text (themes/changes.css: small caps on a tinted chip, about as
 * wide as the word and two spaces in the text's size): what a slide
 * measures is the text with the word added, so a mark that pushes the text
 * onto another line is counted.
 */
import { type ChangeMark, judgmentParts } from '../content/index.js';
import { LineBreaker, textWidth } from '../format/textMetrics.js';
import { linesHeight, textHeight } from './paginate.js';

/** Where the templates set the mark: before running text, after a heading (an actor's name, a risk's title). */
export type MarkSide = 'before' | 'after';

/** `text` as measured with its mark, when it has one, on the side the template sets it. */
export function withMark(text: string, change: ChangeMark | undefined, side?: MarkSide): string;
export function withMark(
  text: string | undefined,
  change: ChangeMark | undefined,
  side?: MarkSide,
): string | undefined;
export function withMark(
  text: string | undefined,
  change: ChangeMark | undefined,
  side: MarkSide = 'before',
): string | undefined {
  if (!change || text === undefined) return text;
  return side === 'before' ? `${change.label}\u2003 ${text}` : `${text} \u2003${change.label}`;
}

/** Space above and below a risk's moved judgments (themes/changes.css `.bd-moved`), px. */
export const MOVED_TOP = 8;
export const MOVED_BOTTOM = 6;

/**
 * Height of a risk card's moved judgments (`likely → very likely ▲`, one after another) and the
 * reason under them, set in `style` in a column `width` px wide; 0 when none moved.
 */
export function movedHeight(
  change: ChangeMark | undefined,
  width: number,
  style: { size: number; lineHeight: number },
): number {
  if (!change || change.judgments.length === 0) return 0;
  const moves = movesLines(
    change.judgments.map((judgment) => judgment.text),
    width,
    style.size,
  );
  const reason = change.reason === undefined ? undefined : `Why: ${change.reason}`;
  return (
    MOVED_TOP +
    linesHeight(moves, { ...style, weight: 600 }) +
    textHeight(reason, width, style) +
    MOVED_BOTTOM
  );
}

/**
 * Lines the moved judgments take, set at `size` px (semibold) in `width` px. Each is a box
 * (themes/changes.css: inline-block, 1em after it) that goes on the line so far if it fits there,
 * else onto a new line whole; one wider than a line has lines of its own, broken only between its
 * parts (`judgmentParts`).
 */
function movesLines(moves: readonly string[], width: number, size: number): number {
  const gap = size;
  let lines = 0;
  let used = Number.POSITIVE_INFINITY;
  for (const move of moves) {
    const box = textWidth(move, size, 600) + gap;
    if (box <= width) {
      if (used + box > width) {
        lines += 1;
        used = 0;
      }
      used += box;
      continue;
    }
    const breaker = new LineBreaker(width - gap);
    for (const part of judgmentParts(move))
      breaker.word(textWidth(part, size, 600), textWidth(' ', size, 600));
    lines += breaker.lines;
    used = Number.POSITIVE_INFINITY;
  }
  return lines;
}
