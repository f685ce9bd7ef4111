"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { scopedAction } from "@/lib/actions/scoped-action";
import { createTeam, dissolveTeam, removeTeam, restoreTeam, updateTeam } from "@/lib/dal/teams";
import { recordRefSchema, recordRestoreSchema, teamDissolveSchema, teamInputSchema, teamUpdateSchema } from "@/lib/validation/rosters";

export const createTeamAction = scopedAction(teamInputSchema, async (actor, input) => {
  const id = await createTeam(actor, input);
  redirect(`/teams/${id}?created=1`);
});

export const updateTeamAction = scopedAction(teamUpdateSchema, async (actor, input) => {
  await updateTeam(actor, input);
  revalidatePath(`/teams/${input.id}`);
  return { ok: true, notice: { key: "rosters.common.saved" } };
});

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
