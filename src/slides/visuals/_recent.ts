/**
 * The last few results of a drawing that depends only on its inputs, by a
 * key of those inputs. Watch mode draws the same maps again on every save
 * (an edit of a risk changes no map): each costs a few milliseconds of the
 * time until the PDF is shown. The results are shared, so they are frozen.
 */
export function recentResults<T extends object>(size: number): (key: string, make: () => T) => Readonly<T> {
  const kept = new Map<string, Readonly<T>>();
  return (key, make) => {
    let result = kept.get(key);
    if (result === undefined) {
      result = deepFreeze(make());
      if (kept.size >= size) kept.delete(kept.keys().next().value as string);
    } else kept.delete(key);
    kept.set(key, result); // the most recently used last, the first to go first
    return result;
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
