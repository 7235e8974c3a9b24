/**
 * The recommendations table's columns share the width by their content: the owner's column is as
 * narrow as lets every owner take at most three lines, from the 16% it always had up to 30%, and the
 * action takes what is left (the number, the priority and the time frame keep their shares). An owner,
 * a name, is broken between its words, a word only where it is wider than the column. Measured with
 * the font's metrics (format/textMetrics.ts), at A4's text width, the narrower paper's.
 */
import { withoutSoftHyphens } from '../../content/hyphenation.js';
import { countLines, textWidth } from '../../format/textMetrics.js';
import { ownerShare } from '../../slides/recommendations.js';
import { TEXT_WIDTH } from './_runningHead.js';

/** A4's text width in CSS px and the table's type (handout.css): 9.5 pt, 6 pt padding either side. */
const TABLE = { width: TEXT_WIDTH, size: 9.5 * (4 / 3), padding: 2 * 6 * (4 / 3) };
/** The shares, in percent, of the number, the priority and the time frame. */
const FIXED = 4 + 10 + 14;
/** The owner's share, in percent, before it grows for long owners (`ownerShare`). */
const OWNER_LEAST = 16;

/** The widths of the action's and the owner's columns, as CSS percentages. */
export interface RecommendationColumns {
  action: string;
  owner: string;
}

/** The width, in CSS px, of the text in a column of `share` percent. */
const textIn = (share: number) => (share / 100) * TABLE.width - TABLE.padding;

/** The columns for recommendations with these owners (as written: soft hyphens are ignored). */
export function recommendationColumns(owners: readonly string[]): RecommendationColumns {
  const lines = (share: number) =>
    Math.max(0, ...owners.map((owner) => countLines(withoutSoftHyphens(owner), textIn(share), TABLE.size)));
  const owner = ownerShare(OWNER_LEAST, lines);
  return { action: `${100 - FIXED - owner}%`, owner: `${owner}%` };
}

/** `owner` (with soft hyphens in its long words) as its column sets it: the soft hyphens kept only in words wider than the column. */
export function ownerInColumn(owner: string, columns: RecommendationColumns): string {
  const width = textIn(Number.parseFloat(columns.owner));
  return owner
    .split(' ')
    .map((word) => {
      const whole = withoutSoftHyphens(word);
      return textWidth(whole, TABLE.size) <= width ? whole : word;
    })
    .join(' ');
}
