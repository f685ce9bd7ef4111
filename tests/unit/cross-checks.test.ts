import { describe, expect, it } from "vitest";
import { z } from "zod";
import { vnToday } from "@/lib/domain/period";
import { guidanceBatchSchema, guidanceUpdateSchema } from "@/lib/validation/guidance";
import { memberFormSchema, teamInputSchema, teamUpdateSchema } from "@/lib/validation/rosters";

const errorsOf = (schema: z.ZodType, values: unknown) => {
  const parsed = schema.safeParse(values);
  return parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
};

/** Checks across fields run once the fields they compare read, so that a refused form shows every error in one round. */
describe("checks across fields in the same round as the fields' own errors", () => {
  it("a member's dates", () => {
    expect(errorsOf(memberFormSchema, { teamId: "1", fullName: "", gender: "female", joinedOn: "2024-05-01", leftOn: "2024-01-01" })).toEqual({
      fullName: ["errors.required"],
      leftOn: ["rosters.errors.left_before_joined"],
    });
  });

  it("a team's dates and status", () => {
    const tomorrow = new Date(Date.parse(`${vnToday()}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
    expect(errorsOf(teamInputSchema, { communeCode: "28756", name: "", establishedOn: tomorrow })).toEqual({
      name: ["errors.required"],
      establishedOn: ["rosters.errors.date_future"],
    });
    expect(errorsOf(teamUpdateSchema, { id: "1", version: "1", name: "", status: "dissolved", dissolvedOn: "" })).toEqual({
      name: ["errors.required"],
      dissolvedOn: ["errors.required"],
    });
    expect(errorsOf(teamUpdateSchema, { id: "1", version: "1", name: "", establishedOn: "2024-05-01", status: "dissolved", dissolvedOn: "2024-01-01" })).toEqual({
      name: ["errors.required"],
      dissolvedOn: ["rosters.errors.dissolved_before_established"],
    });
  });

  it("guidance counts", () => {
    const row = { teamId: "1", guidedOn: "2025-08-01", skill: "", targetGroup: "elderly", householdsVisited: "1", peopleGuided: "2", peopleCompleted: "5" };
    expect(errorsOf(guidanceUpdateSchema, { ...row, id: "1", version: "1" })).toEqual({
      skill: ["errors.required"],
      peopleCompleted: ["guidance.errors.completed_exceeds_guided"],
    });
    expect(errorsOf(guidanceBatchSchema, Object.fromEntries(Object.entries(row).map(([k, v]) => [`rows.0.${k}`, v])))).toEqual({
      "rows.0.skill": ["errors.required"],
      "rows.0.peopleCompleted": ["guidance.errors.completed_exceeds_guided"],
    });
  });
});
