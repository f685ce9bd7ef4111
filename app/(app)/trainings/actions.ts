"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { scopedAction } from "@/lib/actions/scoped-action";
import type { FormState } from "@/lib/actions/form-state";
import type { Actor } from "@/lib/dal/actor";
import {
  createTraining,
  listTeamAttendees,
  removeTraining,
  searchAttendees,
  trainingPlaceProblems,
  updateTraining,
  type Attendee,
  type TrainingForEdit,
} from "@/lib/dal/trainings";
import { attendeeSearchSchema, trainingCreateSchema, trainingPlace, trainingRemoveSchema, trainingUpdateSchema } from "@/lib/validation/trainings";

/** A refused training form also says, in the same round, whether its organiser and attendees can be used. */
const alsoCheck = (actor: Actor, values: Record<string, string>) => trainingPlaceProblems(actor, trainingPlace(values));

export const createTrainingAction = scopedAction<typeof trainingCreateSchema, TrainingForEdit>(trainingCreateSchema, async (actor, input) => {
  const id = await createTraining(actor, input);
  revalidatePath("/trainings");
  redirect(`/trainings/${id}?created=1`);
}, { alsoCheck });

export const updateTrainingAction = scopedAction<typeof trainingUpdateSchema, TrainingForEdit>(trainingUpdateSchema, async (actor, input) => {
  await updateTraining(actor, input);
  revalidatePath("/trainings");
  redirect(`/trainings/${input.id}?saved=1`);
}, { alsoCheck });

export const removeTrainingAction = scopedAction<typeof trainingRemoveSchema, TrainingForEdit>(trainingRemoveSchema, async (actor, input) => {
  await removeTraining(actor, input);
  revalidatePath("/trainings");
  redirect("/trainings?removed=1");
});

export type AttendeeSearchResult = Awaited<ReturnType<typeof searchAttendees>> & {
  /** Set when a whole team was asked for: its current members. */
  team?: { id: number; members: Attendee[] };
};

/** The attendance picker's look-ups, called from the form with a FormData of `q` or `teamId`. */
export const searchAttendeesAction = scopedAction(attendeeSearchSchema, async (actor, input): Promise<FormState<AttendeeSearchResult>> => {
  if (input.teamId) {
    return { ok: true, data: { teams: [], members: [], moreMembers: 0, team: { id: input.teamId, members: await listTeamAttendees(actor, input.teamId) } } };
  }
  return { ok: true, data: await searchAttendees(actor, input) };
});
