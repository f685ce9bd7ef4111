"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { scopedAction } from "@/lib/actions/scoped-action";
import { createHamlet, hamletPlaceProblems, removeHamlet, restoreHamlet, updateHamlet } from "@/lib/dal/hamlets";
import { hamletInputSchema, hamletPlace, hamletUpdateSchema, recordRefSchema, recordRestoreSchema } from "@/lib/validation/rosters";
import type { Actor } from "@/lib/dal/actor";

/** A refused hamlet form also says, in the same round, what the database would refuse. */
const alsoCheck = (actor: Actor, values: Record<string, string>) => hamletPlaceProblems(actor, hamletPlace(values));

export const createHamletAction = scopedAction(hamletInputSchema, async (actor, input) => {
  const id = await createHamlet(actor, input);
  redirect(`/hamlets/${id}?created=1`);
}, { alsoCheck });

export const updateHamletAction = scopedAction(hamletUpdateSchema, async (actor, input) => {
  await updateHamlet(actor, input);
  revalidatePath(`/hamlets/${input.id}`);
  return { ok: true, notice: { key: "rosters.common.saved" } };
}, { alsoCheck });

export const removeHamletAction = scopedAction(recordRefSchema, async (actor, input) => {
  await removeHamlet(actor, input);
  revalidatePath(`/hamlets/${input.id}`);
  return { ok: true, notice: { key: "rosters.common.removedDone" } };
});

export const restoreHamletAction = scopedAction(recordRestoreSchema, async (actor, input) => {
  await restoreHamlet(actor, input);
  revalidatePath(`/hamlets/${input.id}`);
  return { ok: true, notice: { key: "rosters.common.restoredDone" } };
});
