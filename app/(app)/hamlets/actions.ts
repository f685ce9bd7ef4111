"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { scopedAction } from "@/lib/actions/scoped-action";
import { createHamlet, removeHamlet, restoreHamlet, updateHamlet } from "@/lib/dal/hamlets";
import { hamletInputSchema, hamletUpdateSchema, recordRefSchema, recordRestoreSchema } from "@/lib/validation/rosters";

export const createHamletAction = scopedAction(hamletInputSchema, async (actor, input) => {
  const id = await createHamlet(actor, input);
  redirect(`/hamlets/${id}?created=1`);
});

export const updateHamletAction = scopedAction(hamletUpdateSchema, async (actor, input) => {
  await updateHamlet(actor, input);
  revalidatePath(`/hamlets/${input.id}`);
  return { ok: true, notice: { key: "rosters.common.saved" } };
});

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
