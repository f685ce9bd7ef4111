import "server-only";
import { bumpGeneration, commitGeneration } from "@/db/commit-signal";

/**
 * How long a dashboard may reuse the checks behind its figures (the roll-up token and the
 * monthly-report counts): a burst of readers of one unit shares a single round of queries.
 * Every commit made through any server process ends the reuse at once (`db/commit-signal.ts`);
 * this bound covers changes made behind the application's back (a manual fix in psql).
 */
export const FRESHNESS_MS = Number(process.env.INDICATORS_FRESHNESS_MS ?? (process.env.NODE_ENV === "test" ? 0 : 2000));

interface Entry {
  at: number;
  generation: number;
  value: Promise<unknown>;
}

// One cache per process, not per bundle: Next.js compiles this module for pages and route handlers separately.
const globalForCache = globalThis as unknown as { __cnscdShortLived?: Map<string, Entry> };
const entries: Map<string, Entry> = (globalForCache.__cnscdShortLived ??= new Map());
const LIMIT = 1000;

/** Marks that data changed: every value cached by `shortLived` so far is stale. */
export function noteWrite() {
  bumpGeneration();
}

/**
 * The value of `load` for `key`, shared by every caller within `ttl` ms and until the next
 * commit. Concurrent callers wait for the same promise; a failed load is not kept.
 */
export function shortLived<T>(key: string, ttl: number, load: () => Promise<T>): Promise<T> {
  if (ttl <= 0) return load();
  const now = Date.now();
  const generation = commitGeneration();
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
