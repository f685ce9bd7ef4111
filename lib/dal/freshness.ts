import "server-only";

/**
 * How long a dashboard may reuse the checks behind its figures (the roll-up token and the
 * monthly-report counts): a burst of readers of one unit shares a single round of queries.
 * Writes made through this process are seen at once, since every audited write calls
 * `noteWrite`; writes from other processes within this many milliseconds.
 */
export const FRESHNESS_MS = Number(process.env.INDICATORS_FRESHNESS_MS ?? (process.env.NODE_ENV === "test" ? 0 : 2000));

let generation = 0;
const entries = new Map<string, { at: number; generation: number; value: Promise<unknown> }>();
const LIMIT = 1000;

/** Marks that data changed: every value cached by `shortLived` so far is stale. */
export function noteWrite() {
  generation++;
}

/**
 * The value of `load` for `key`, shared by every caller within `ttl` ms and until the next
 * write. Concurrent callers wait for the same promise; a failed load is not kept.
 */
export function shortLived<T>(key: string, ttl: number, load: () => Promise<T>): Promise<T> {
  if (ttl <= 0) return load();
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.generation === generation && now - hit.at < ttl) return hit.value as Promise<T>;
  const value = load();
  entries.delete(key);
  entries.set(key, { at: now, generation, value });
  if (entries.size > LIMIT) entries.delete(entries.keys().next().value!);
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  return value;
}
