/**
 * One list compared across two versions: its items paired (_match.ts), each
 * current item new, updated (with the keys that changed) or unchanged, and
 * the previous items nothing paired listed as removed.
 */

import { type MatchOptions, matchItems, type Pair } from './_match.js';
import type { Changes, ItemChange, ListChanges, RemovedItem } from './types.js';

/** Which version an item is read from (a key may read differently in each: a decision's recommendations). */
export type Side = 'previous' | 'current';

/** How a list is compared. */
export interface ListRule<T, F extends string> {
  /** The list's YAML path: `risks`, `situation.points`. */
  path: string;
  /** Its title or text: what it is shown as and matched by. */
  label(item: T): string;
  id?(item: T): string | undefined;
  match: MatchOptions;
  /** The keys compared, in the format's order, each as a value whose JSON says whether it changed. */
  fields: Record<F, (item: T, side: Side) => unknown>;
}

export interface Compared<T, F extends string> {
  changes: ListChanges<F>;
  /** The pair of each current item, to compare more of it (a risk's judgments). */
  pairs: (Pair | undefined)[];
  previous: readonly T[];
}

export function compareList<T, F extends string>(
  previous: readonly T[],
  current: readonly T[],
  rule: ListRule<T, F>,
): Compared<T, F> {
  const matchable = (item: T) => ({ id: rule.id?.(item), text: rule.label(item) });
  const pairs = matchItems(previous.map(matchable), current.map(matchable), rule.match);
  const items = current.map((item, index): ItemChange<F> => {
    const placed = { index, path: `${rule.path}[${index}]`, label: rule.label(item) };
    const pair = pairs[index];
    const old = pair && previous[pair.previous];
    if (!pair || old === undefined) return { ...placed, status: 'new' };
    const fields = changedFields(rule, old, item);
    return {
      ...placed,
      status: fields.length > 0 ? 'updated' : 'unchanged',
      previous: { index: pair.previous, path: `${rule.path}[${pair.previous}]`, label: rule.label(old) },
      matchedBy: pair.by,
      ...(pair.similarity !== undefined ? { similarity: Math.round(pair.similarity * 100) / 100 } : {}),
      fields,
    };
  });
  const paired = new Set(pairs.flatMap((pair) => (pair ? [pair.previous] : [])));
  const removed = previous.flatMap((item, index): RemovedItem[] => {
    if (paired.has(index)) return [];
    const id = rule.id?.(item);
    return [{ index, path: `${rule.path}[${index}]`, label: rule.label(item), ...(id ? { id } : {}) }];
  });
  return { changes: { items, removed }, pairs, previous };
}

function changedFields<T, F extends string>(rule: ListRule<T, F>, previous: T, current: T): F[] {
  return (Object.keys(rule.fields) as F[]).filter((field) => {
    const read = rule.fields[field];
    return comparable(read(previous, 'previous')) !== comparable(read(current, 'current'));
  });
}

/**
 * A value as compared, as JSON: text with its runs of spaces and line breaks as one space, trimmed;
 * a mapping's keys in any order.
 */
export function comparable(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner === 'string') return inner.replace(/\s+/g, ' ').trim();
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    return Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/** Whether any item of the list is new or updated, or any was removed. */
export function listChanged(changes: ListChanges<string>): boolean {
  return changes.removed.length > 0 || changes.items.some((item) => item.status !== 'unchanged');
}

/** Every list of items compared, in the deck's order (the situation's points among them). */
export function changedLists(changes: Omit<Changes, 'changed'>): ListChanges<string>[] {
  return [
    changes.bluf,
    changes.decisions,
    changes.situation.points,
    changes.timeline,
    changes.actors,
    changes.risks,
    changes.recommendations,
  ] as ListChanges<string>[];
}
