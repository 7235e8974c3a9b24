/**
 * Pairs the items of one list across two versions. In this order, each step
 * taking only what the steps before left unpaired:
 *   1. by `id`, where both items have one (two items that both have an id
 *      are the same item only when the ids are the same);
 *   2. by the same text once case and spacing are normalised (an actor's
 *      name, a risk's title, a recommendation's action…), the first
 *      unpaired previous item for each current one, in order;
 *   3. by close text (`similarity` at least `SIMILARITY`: a rename), the
 *      closest pairs first; ties go to the items nearest in position, then
 *      to the earlier. Actors take no part: they match by name alone.
 */

import { normalText, SIMILARITY, similarity } from './_similarity.js';
import type { MatchedBy } from './types.js';

/** What an item is matched by. */
export interface Matchable {
  id?: string | undefined;
  /** Its title or text. */
  text: string;
}

export interface Pair {
  previous: number;
  by: MatchedBy;
  similarity?: number;
}

export interface MatchOptions {
  /** What a match on the same text is called: `name` for actors. */
  sameText: 'text' | 'name';
  /** Whether close texts are a rename (not for actors). */
  similar: boolean;
}

/** For each current item, its pair in the previous list, or undefined when it is new. */
export function matchItems(
  previous: readonly Matchable[],
  current: readonly Matchable[],
  options: MatchOptions,
): (Pair | undefined)[] {
  const pairs: (Pair | undefined)[] = current.map(() => undefined);
  const taken = new Set<number>();
  const pair = (at: number, found: Pair) => {
    pairs[at] = found;
    taken.add(found.previous);
  };
  // Items that both have an id are paired by it or not at all.
  const mayPair = (p: number, c: number) =>
    !taken.has(p) && pairs[c] === undefined && !(previous[p]?.id && current[c]?.id);

  current.forEach((item, c) => {
    if (!item.id) return;
    const p = previous.findIndex((old) => old.id === item.id);
    if (p >= 0) pair(c, { previous: p, by: 'id' });
  });

  const previousTexts = previous.map((item) => normalText(item.text));
  current.forEach((item, c) => {
    const text = normalText(item.text);
    const p = previousTexts.findIndex((old, at) => old === text && mayPair(at, c));
    if (p >= 0) pair(c, { previous: p, by: options.sameText });
  });

  if (!options.similar) return pairs;
  for (const candidate of closePairs(previous, current, mayPair)) {
    if (mayPair(candidate.p, candidate.c))
      pair(candidate.c, { previous: candidate.p, by: 'similar', similarity: candidate.score });
  }
  return pairs;
}

/** Every unpaired previous and current item whose texts are close, the closest first. */
function closePairs(
  previous: readonly Matchable[],
  current: readonly Matchable[],
  mayPair: (p: number, c: number) => boolean,
): { p: number; c: number; score: number }[] {
  const found: { p: number; c: number; score: number }[] = [];
  current.forEach((item, c) => {
    previous.forEach((old, p) => {
      if (!mayPair(p, c)) return;
      const score = similarity(old.text, item.text);
      if (score >= SIMILARITY) found.push({ p, c, score });
    });
  });
  return found.sort(
    (a, b) => b.score - a.score || Math.abs(a.p - a.c) - Math.abs(b.p - b.c) || a.c - b.c || a.p - b.p,
  );
}
