import { describe, expect, it } from "vitest";
import { nextSort, sortHref } from "@/components/dashboard/ranking-sort";

describe("ranking sort links", () => {
  it("open a count or a share largest first, rank and name from the top", () => {
    expect(nextSort("members", { id: "rank", desc: false })).toEqual({ id: "members", desc: true });
    expect(nextSort("completion", { id: "rank", desc: false })).toEqual({ id: "completion", desc: true });
    expect(nextSort("name", { id: "members", desc: true })).toEqual({ id: "name", desc: false });
    expect(nextSort("rank", { id: "members", desc: true })).toEqual({ id: "rank", desc: false });
  });

  it("turn the current sort round", () => {
    expect(nextSort("members", { id: "members", desc: true })).toEqual({ id: "members", desc: false });
    expect(nextSort("members", { id: "members", desc: false })).toEqual({ id: "members", desc: true });
    expect(nextSort("rank", { id: "rank", desc: false })).toEqual({ id: "rank", desc: true });
  });

  it("keep the period and the indicator, and go back to the first page", () => {
    const href = sortHref({ kind: "quarter", from: "2026-04-01", to: "2026-06-30", ind: "members", sort: "name", dir: "asc", page: "3", after: "x", missing: undefined }, "guided", { id: "name", desc: false });
    expect(new URLSearchParams(href.slice(1)).toString()).toBe("kind=quarter&from=2026-04-01&to=2026-06-30&ind=members&sort=guided&dir=desc");
    expect(href.startsWith("?")).toBe(true);
  });
});
