import { describe, expect, it, vi } from "vitest";
import { cachedParse } from "@/lib/import/parse-cache";
import type { ParseResult } from "@/lib/import/roster";

const refused = (code: string): ParseResult => ({ ok: false, code });

describe("the cache of files read for a preview", () => {
  it("reads a file once for its preview and its confirmation, and again when its name, content or age differs", async () => {
    const parse = vi.fn(async () => refused("first"));
    const now = 1_000_000;
    expect(await cachedParse("a.xlsx", "hash-a", parse, now)).toEqual(refused("first"));
    expect(await cachedParse("a.xlsx", "hash-a", parse, now + 60_000)).toEqual(refused("first"));
    expect(parse).toHaveBeenCalledTimes(1);
    await cachedParse("a.xlsx", "hash-b", parse, now);
    await cachedParse("b.xlsx", "hash-a", parse, now);
    expect(parse).toHaveBeenCalledTimes(3);
    await cachedParse("a.xlsx", "hash-a", parse, now + 31 * 60_000);
    expect(parse).toHaveBeenCalledTimes(4);
  });

  it("keeps only the last three files", async () => {
    const parse = vi.fn(async () => refused("x"));
    for (const name of ["1", "2", "3", "4"]) await cachedParse(name, "h", parse, 5_000_000);
    await cachedParse("4", "h", parse, 5_000_000);
    expect(parse).toHaveBeenCalledTimes(4);
    await cachedParse("1", "h", parse, 5_000_000);
    expect(parse).toHaveBeenCalledTimes(5);
  });
});
