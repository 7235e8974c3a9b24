/**
 * YAML paths as problems name them (`risks[1].likelihood`), and lists of
 * names for a hint.
 */
import { truncate } from './specs.js';

/** The innermost item among `items` that `path` lies in (`actors[0]` for `actors[0].relations[1].with`). */
export function itemOf(path: string, items: ReadonlyMap<string, unknown>): string {
  for (let end = path.lastIndexOf('.'); end > 0; end = path.lastIndexOf('.', end - 1)) {
    const prefix = path.slice(0, end);
    if (items.has(prefix)) return prefix;
  }
  return '';
}

/** `path.key`, or `key` at the top. */
export function joinPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Names for a hint: the first ten, and how many more. */
export function listed(names: string[]): string {
  const shown = names
    .slice(0, 10)
    .map((name) => truncate(name))
    .join(', ');
  return names.length > 10 ? `${shown}, … (${names.length - 10} more)` : shown;
}
