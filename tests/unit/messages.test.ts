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
});
