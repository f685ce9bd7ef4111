import type { TrainingFormat } from "@/lib/domain/catalog";
import type { PickedMember } from "./attendance-picker";

/** A training as the form edits it: text fields as typed, attendance as picked members. */
export type TrainingFormValues = {
  title: string;
  topics: string[];
  heldOn: string;
  hours: string;
  format: TrainingFormat;
  location: string;
  outsideParticipants: string;
  attendees: PickedMember[];
};

/** The saved record a conflict returns. */
export type SavedTraining = {
  version: number;
  title: string;
  topics: string[];
  heldOn: string;
  hours: number;
  format: TrainingFormat;
  location: string | null;
  outsideParticipants: number;
  attendees: PickedMember[];
};

export function formValuesOf(saved: SavedTraining, locale: string): TrainingFormValues {
  return {
    title: saved.title,
    topics: saved.topics,
    heldOn: saved.heldOn,
    hours: locale === "vi" ? String(saved.hours).replace(".", ",") : String(saved.hours),
    format: saved.format,
    location: saved.location ?? "",
    outsideParticipants: String(saved.outsideParticipants),
    attendees: saved.attendees,
  };
}
