import type { ParseResult } from "./roster";

/**
 * The last few files read, by name and content hash: a file is read once for its preview and
 * again, byte for byte the same, when the user confirms it minutes later. Reading a 20,000-row
 * workbook takes seconds of the server's only thread, so the confirmation reuses the first
 * reading. Kept on globalThis because route handlers and server actions are compiled apart.
 */
const MAX_ENTRIES = 3;
const TTL_MS = 30 * 60_000;

type Entry = { key: string; result: ParseResult; at: number };
const store = ((globalThis as { __rosterParseCache?: Entry[] }).__rosterParseCache ??= []);

export async function cachedParse(name: string, sha256: string, parse: () => Promise<ParseResult>, now = Date.now()): Promise<ParseResult> {
  const key = `${name}\u0000${sha256}`;
  for (let i = store.length - 1; i >= 0; i--) if (now - store[i].at > TTL_MS) store.splice(i, 1);
  const hit = store.find((e) => e.key === key);
  if (hit) return hit.result;
  const result = await parse();
  store.push({ key, result, at: now });
  if (store.length > MAX_ENTRIES) store.shift();
  return result;
}
