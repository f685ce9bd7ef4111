"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { scopedAction } from "@/lib/actions/scoped-action";
import { createTeam, dissolveTeam, removeTeam, restoreTeam, teamPlaceProblems, updateTeam } from "@/lib/dal/teams";
import { recordRefSchema, recordRestoreSchema, teamDissolveSchema, teamInputSchema, teamPlace, teamUpdateSchema } from "@/lib/validation/rosters";
import type { Actor } from "@/lib/dal/actor";

/** A refused team form also says, in the same round, what the database would refuse. */
const alsoCheck = (actor: Actor, values: Record<string, string>) => teamPlaceProblems(actor, teamPlace(values));

export const createTeamAction = scopedAction(teamInputSchema, async (actor, input) => {
  const id = await createTeam(actor, input);
  redirect(`/teams/${id}?created=1`);
}, { alsoCheck });

export const updateTeamAction = scopedAction(teamUpdateSchema, async (actor, input) => {
  await updateTeam(actor, input);
  revalidatePath(`/teams/${input.id}`);
  return { ok: true, notice: { key: "rosters.common.saved" } };
}, { alsoCheck });

export const dissolveTeamAction = scopedAction(teamDissolveSchema, async (actor, input) => {
  await dissolveTeam(actor, input);
  revalidatePath(`/teams/${input.id}`);
  return { ok: true, notice: { key: "rosters.teams.dissolvedDone" } };
});

export const removeTeamAction = scopedAction(recordRefSchema, async (actor, input) => {
  await removeTeam(actor, input);
  revalidatePath(`/teams/${input.id}`);
  return { ok: true, notice: { key: "rosters.common.removedDone" } };
});

export const restoreTeamAction = scopedAction(recordRestoreSchema, async (actor, input) => {
  await restoreTeam(actor, input);
  revalidatePath(`/teams/${input.id}`);
  return { ok: true, notice: { key: "rosters.common.restoredDone" } };
});
