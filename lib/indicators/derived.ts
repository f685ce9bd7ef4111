/**
 * Values worked out from a set of figures, kept for as long as those figures are: the indicators
 * of a unit are one shared object between two changes of its roll-ups (see `unitIndicators`), so
 * the rankings, bars and map colours formatted from them once serve every reader until then.
 */
const store = new WeakMap<object, Map<string, unknown>>();

/** `compute()` the first time for `owner` and `key`, the same value afterwards. */
export function derived<T>(owner: object, key: string, compute: () => T): T {
  let values = store.get(owner);
  if (!values) store.set(owner, (values = new Map()));
  if (values.has(key)) return values.get(key) as T;
  const value = compute();
  values.set(key, value);
  return value;
}
