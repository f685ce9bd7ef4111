"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { scopedAction } from "@/lib/actions/scoped-action";
import { createMember, removeMember, restoreMember, updateMember } from "@/lib/dal/members";
import { memberFormSchema, memberUpdateFormSchema, recordRefSchema, recordRestoreSchema } from "@/lib/validation/rosters";

export const createMemberAction = scopedAction(memberFormSchema, async (actor, input) => {
  const id = await createMember(actor, input);
  redirect(`/members/${id}?created=1`);
});

export const updateMemberAction = scopedAction(memberUpdateFormSchema, async (actor, input) => {
  await updateMember(actor, input);
  revalidatePath(`/members/${input.id}`);
  return { ok: true, notice: { key: "rosters.common.saved" } };
});

export const removeMemberAction = scopedAction(recordRefSchema, async (actor, input) => {
  await removeMember(actor, input);
  revalidatePath(`/members/${input.id}`);
  return { ok: true, notice: { key: "rosters.common.removedDone" } };
});

export const restoreMemberAction = scopedAction(recordRestoreSchema, async (actor, input) => {
  await restoreMember(actor, input);
  revalidatePath(`/members/${input.id}`);
  return { ok: true, notice: { key: "rosters.common.restoredDone" } };
});
