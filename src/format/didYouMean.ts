/**
 * "Did you mean …?": the known word closest to a typo, when it is close
 * enough to be a guess worth showing (a file whose only actor is `A` gets no
 * suggestion for `Zed`).
 */

/** Edits allowed, as a share of the longer word's length (TypeScript's spelling suggestions use the same bound). */
const MAX_SHARE = 0.4;

/**
 * The candidate closest to `word` (case-insensitive Damerau–Levenshtein), or
 * undefined when none is within 40% of the longer word's length in edits.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const typed = word.toLowerCase().slice(0, MAX_LENGTH);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase().slice(0, MAX_LENGTH);
    const allowed = Math.min(Math.floor(Math.max(typed.length, other.length) * MAX_SHARE), bestDistance - 1);
    // A length apart by more than the edits allowed cannot be close enough; most candidates stop here.
    if (Math.abs(typed.length - other.length) > allowed) continue;
    const d = distance(typed, other, allowed);
    if (d <= allowed) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** The case-insensitive Damerau–Levenshtein distance of two words (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const one = a.toLowerCase().slice(0, MAX_LENGTH);
  const other = b.toLowerCase().slice(0, MAX_LENGTH);
  return distance(one, other, Math.max(one.length, other.length));
}

/** Names and keys are short; a long text is no typo of them, and comparing it in full costs time. */
const MAX_LENGTH = 64;
// Three rows of the edit-distance table, kept between calls: two back (for transpositions), the last, the current.
let before = new Uint16Array(MAX_LENGTH + 1);
let last = new Uint16Array(MAX_LENGTH + 1);
let row = new Uint16Array(MAX_LENGTH + 1);

/** Damerau–Levenshtein distance (optimal string alignment); any value above `limit` means "too far". */
function distance(a: string, b: string, limit: number): number {
  for (let j = 0; j <= b.length; j++) last[j] = j;
  let lastSmallest = 0;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (last[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (last[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (before[j - 2] as number) + 1);
      row[j] = value;
      if (value < smallest) smallest = value;
    }
    // A later row is at least the smaller of this row's least value and the last row's plus one (a
    // transposition reaches two rows back): once both are past the limit, so is the distance.
    if (smallest > limit && lastSmallest >= limit) return limit + 1;
    lastSmallest = smallest;
    [before, last, row] = [last, row, before];
  }
  return last[b.length] as number;
}
