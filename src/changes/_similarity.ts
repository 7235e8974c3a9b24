/**
 * When two texts are the same item: the same once case and spacing are
 * normalised, or close enough to be one item reworded (a renamed risk).
 *
 * Closeness is the Sørensen–Dice coefficient of the two texts' words:
 * twice the words they share over the words of both, counted with
 * repetition. Words are taken after Unicode NFKC and lowercasing, with
 * Markdown and punctuation left out, a possessive `'s` dropped and a final
 * `s` of a word longer than three letters folded (`attacks` is `attack`).
 * At 0.5 or more the two are one item renamed: they share half their words
 * (`IS reprisal attacks` → `IS reprisal attacks on Derna` is 0.75, `Power
 * cuts` → `Power outages` 0.5), where two different risks of one briefing
 * rarely share more than a word or two (the sample's three titles score 0
 * to 0.17 against each other). Words, not letters: a reader judges a
 * rename by its words, and letter pairs make unrelated sentences score
 * 0.3 to 0.4 on common syllables alone. Where two items read alike but are
 * different, or a title is rewritten entirely, `id` says which is which.
 */
import { sameness } from '../format/textRules.js';

/** Two texts are one item renamed when `similarity` is at least this. */
export const SIMILARITY = 0.5;

/** How texts are compared for sameness: NFKC, lowercase, runs of spaces and line breaks as one space. */
export function normalText(text: string): string {
  return sameness(text).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The words of a text, as `similarity` counts them. */
export function wordsOf(text: string): string[] {
  return normalText(text)
    .replace(/['’]s\b/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
    .map((word) =>
      word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word,
    );
}

/** The Sørensen–Dice coefficient of the two texts' words: 1 for the same words, 0 for none shared. */
export function similarity(a: string, b: string): number {
  const left = wordsOf(a);
  const right = wordsOf(b);
  if (left.length === 0 || right.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const word of left) counts.set(word, (counts.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of right) {
    const unpaired = counts.get(word) ?? 0;
    if (unpaired > 0) {
      shared += 1;
      counts.set(word, unpaired - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}
