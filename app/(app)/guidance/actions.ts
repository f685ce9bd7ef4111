"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { scopedAction } from "@/lib/actions/scoped-action";
import { guidancePlaceProblems, recordGuidance, removeGuidance, updateGuidance } from "@/lib/dal/guidance";
import { guidanceBatchSchema, guidancePlaces, guidanceRemoveSchema, guidanceUpdateSchema } from "@/lib/validation/guidance";

export const recordGuidanceAction = scopedAction(
  guidanceBatchSchema,
  async (actor, input) => {
    const ids = await recordGuidance(actor, input.rows);
    revalidatePath("/guidance");
    redirect(`/guidance?saved=${ids.length}`);
  },
  { alsoCheck: (actor, values) => guidancePlaceProblems(actor, guidancePlaces(values)) },
);

export const updateGuidanceAction = scopedAction(guidanceUpdateSchema, async (actor, input) => {
  await updateGuidance(actor, input);
  revalidatePath(`/guidance/${input.id}`);
  return { ok: true, notice: { key: "guidance.savedOne" } };
});

export const removeGuidanceAction = scopedAction(guidanceRemoveSchema, async (actor, input) => {
  await removeGuidance(actor, input);
  revalidatePath("/guidance");
  redirect("/guidance?removed=1");
});
