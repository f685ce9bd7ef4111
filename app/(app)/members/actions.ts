"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { scopedAction } from "@/lib/actions/scoped-action";
import { createMember, memberPlaceProblems, removeMember, restoreMember, updateMember } from "@/lib/dal/members";
import { memberFormSchema, memberPlace, memberUpdateFormSchema, recordRefSchema, recordRestoreSchema } from "@/lib/validation/rosters";
import type { Actor } from "@/lib/dal/actor";

/** A refused member form also says, in the same round, whether its team and position can be used. */
const alsoCheck = async (actor: Actor, values: Record<string, string>) => {
  const place = memberPlace(values);
  return place ? memberPlaceProblems(actor, place) : {};
};

export const createMemberAction = scopedAction(
  memberFormSchema,
  async (actor, input) => {
    const id = await createMember(actor, input);
    redirect(`/members/${id}?created=1`);
  },
  { alsoCheck },
);

export const updateMemberAction = scopedAction(
  memberUpdateFormSchema,
  async (actor, input) => {
    await updateMember(actor, input);
    revalidatePath(`/members/${input.id}`);
    return { ok: true, notice: { key: "rosters.common.saved" } };
  },
  { alsoCheck },
);

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
