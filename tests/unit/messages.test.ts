import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en";
import vi from "@/messages/vi";
import { AFFILIATIONS, GENDERS, HAMLET_KINDS, POSITIONS, TARGET_GROUPS, TRAINING_FORMATS, TRAINING_LEVELS, TRAINING_TOPICS, TEAM_STATUSES } from "@/lib/domain/catalog";

function keys(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object") return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("message catalogues", () => {
  it("Vietnamese and English have the same keys", () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
  });

  it("every vocabulary value has a label", () => {
    const vocabularies: [string, readonly string[]][] = [
      ["affiliations", AFFILIATIONS],
      ["genders", GENDERS],
      ["hamletKinds", HAMLET_KINDS],
      ["positions", POSITIONS],
      ["targetGroups", TARGET_GROUPS],
      ["trainingFormats", TRAINING_FORMATS],
      ["trainingLevels", TRAINING_LEVELS],
      ["trainingTopics", TRAINING_TOPICS],
      ["teamStatuses", TEAM_STATUSES],
    ];
    for (const [name, values] of vocabularies) {
      const labels = (vi.catalog as Record<string, Record<string, string>>)[name];
      for (const value of values) expect(labels?.[value], `${name}.${value}`).toBeTruthy();
    }
  });

  it("has no key with a dot, which next-intl would read as nesting", () => {
    const flat = (value: unknown): string[] =>
      value !== null && typeof value === "object" ? Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [k, ...flat(v)]) : [];
    for (const catalogue of [vi, en]) expect(flat(catalogue).filter((k) => k.includes("."))).toEqual([]);
  });

  it("labels every audit action the code writes, in both languages", () => {
    const root = path.resolve(__dirname, "../..");
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
      );
    const actions = new Set(
      ["lib", "app"].flatMap((dir) => sources(path.join(root, dir))).flatMap((f) => [...readFileSync(f, "utf8").matchAll(/action: "([a-z_]+\.[a-z_]+)"/g)].map((m) => m[1])),
    );
    expect(actions.size).toBeGreaterThan(20);
    for (const [locale, messages] of [["vi", vi], ["en", en]] as const) {
      const missing: string[] = [];
      const t = createTranslator({ locale, messages, namespace: "audit", onError: () => {} });
      for (const action of actions) if (t(`actions.${action}` as "title").startsWith("audit.")) missing.push(action);
      expect(missing, locale).toEqual([]);
    }
  });
});
