"use client";

import Link from "@/components/ui/link";
import { useActionState, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Field, FormAlert } from "@/components/ui/field";
import { SubmitButton, translateErrors, useFormBehaviour } from "@/components/ui/form";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { TRAINING_FORMATS, TRAINING_TOPICS, type TrainingFormat, type TrainingTopic } from "@/lib/domain/catalog";
import { formatDate, formatNumber } from "@/lib/format";
import { AttendancePicker, type PickedMember, type PickerResult, type PickerSearch, type PlaceDetail } from "./attendance-picker";
import { formValuesOf, type SavedTraining, type TrainingFormValues } from "./form-values";

type SaveAction = (state: FormState<never>, formData: FormData) => Promise<FormState<SavedTraining>>;

function ConflictPanel({ mine, theirs }: { mine: TrainingFormValues; theirs: SavedTraining }) {
  const t = useTranslations();
  const locale = useLocale();
  const topics = (list: string[]) => list.map((k) => (TRAINING_TOPICS.includes(k as TrainingTopic) ? t(`catalog.trainingTopics.${k}`) : k)).join("; ");
  const names = (list: PickedMember[]) => list.map((m) => m.fullName).sort((a, b) => a.localeCompare(b, "vi")).join(", ");
  const rows: [string, string, string][] = [
    [t("trainings.fields.title"), mine.title, theirs.title],
    [t("trainings.fields.heldOn"), mine.heldOn ? formatDate(locale, mine.heldOn) : "", formatDate(locale, theirs.heldOn)],
    [t("trainings.fields.hours"), mine.hours, formatNumber(locale, theirs.hours, 1)],
    [t("trainings.fields.format"), t(`catalog.trainingFormats.${mine.format}`), t(`catalog.trainingFormats.${theirs.format}`)],
    [t("trainings.fields.locationOrLink"), mine.location, theirs.location ?? ""],
    [t("trainings.fields.topics"), topics(mine.topics), topics(theirs.topics)],
    [t("trainings.fields.outsideParticipants"), mine.outsideParticipants, String(theirs.outsideParticipants)],
    [
      t("trainings.fields.attendance"),
      `${t("trainings.conflict.members", { count: mine.attendees.length })}: ${names(mine.attendees)}`,
      `${t("trainings.conflict.members", { count: theirs.attendees.length })}: ${names(theirs.attendees)}`,
    ],
  ];
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[32rem] text-left text-sm" data-testid="conflict-table">
        <thead>
          <tr className="border-b text-slate-700">
            <th scope="col" className="py-1 pr-3">{t("trainings.conflict.field")}</th>
            <th scope="col" className="py-1 pr-3">{t("trainings.conflict.mine")}</th>
            <th scope="col" className="py-1 pr-3">{t("trainings.conflict.theirs")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, a, b]) => (
            <tr key={label} className={`border-b last:border-0 align-top ${a !== b ? "bg-amber-50" : ""}`}>
              <th scope="row" className="py-1 pr-3 font-medium">{label}</th>
              <td className="py-1 pr-3">{a}</td>
              <td className="py-1 pr-3">{b}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Create and edit form of a training. Every field is controlled so that nothing typed is lost on
 * an error or a conflict; the topics and the chosen members travel as comma-separated hidden fields.
 */
export function TrainingForm({
  action,
  search,
  initial,
  record,
  unitCode,
  unitLabel,
  placeDetail,
  initialTeams,
  today,
  cancelHref,
}: {
  action: SaveAction;
  search: PickerSearch;
  initial: TrainingFormValues;
  /** Set when editing: the record's id and the version the form was loaded from. */
  record?: { id: number; version: number };
  unitCode: string;
  unitLabel: string;
  placeDetail: PlaceDetail;
  initialTeams?: PickerResult;
  today: string;
  cancelHref: string;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const [values, setValues] = useState<TrainingFormValues>(initial);
  const [attendees, setAttendees] = useState<PickedMember[]>(initial.attendees);
  const [theirs, setTheirs] = useState<SavedTraining | null>(null);
  const [version, setVersion] = useState(record?.version);
  const [state, formAction, pending] = useActionState<FormState<SavedTraining>, FormData>(async (previous, formData) => {
    const next = await action(previous as FormState<never>, formData);
    if (next.error === "conflict" && next.data) {
      // The next save is based on the version just read, so it overwrites knowingly.
      setTheirs(next.data);
      setVersion(next.data.version);
    }
    return next;
  }, initialFormState as FormState<SavedTraining>);

  const set = <K extends keyof TrainingFormValues>(key: K, value: TrainingFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const errors = translateErrors(state.error === "conflict" ? undefined : state.fieldErrors, t);
  const { form, summary, markChanged } = useFormBehaviour(state, formAction, errors);
  const err = (name: string) => errors?.[name];
  const describedBy = (name: string, hint = false) => [`${name}-error`, hint ? `${name}-hint` : ""].filter(Boolean).join(" ");
  const future = values.heldOn > today;
  const online = values.format === "online";

  const useTheirs = () => {
    if (!theirs) return;
    const next = formValuesOf(theirs, locale);
    setValues(next);
    setAttendees(next.attendees);
    setTheirs(null);
  };

  const mine = { ...values, attendees };

  return (
    <form {...form} className="max-w-3xl space-y-5">
      {state.error === "not_found" && <FormAlert tone="error">{t("trainings.conflict.removedMeanwhile")}</FormAlert>}
      {state.error === "form" && !errors && <FormAlert tone="error">{t("errors.form")}</FormAlert>}
      {summary}
      {theirs && (
        <div role="alert" className="space-y-3 rounded-md border border-amber-400 bg-amber-50/50 p-3">
          <p className="font-semibold text-amber-900">{t("trainings.conflict.title")}</p>
          <p className="text-sm text-slate-800">{t("trainings.conflict.body")}</p>
          <ConflictPanel mine={mine} theirs={theirs} />
          <div className="flex flex-wrap gap-2">
            <button type="submit" className={buttonClass.primary} disabled={pending}>
              {t("trainings.conflict.keepMine")}
            </button>
            <button type="button" className={buttonClass.secondary} onClick={useTheirs}>
              {t("trainings.conflict.useTheirs")}
            </button>
          </div>
        </div>
      )}
      <input type="hidden" name="unitCode" value={unitCode} />
      {record && <input type="hidden" name="id" value={record.id} />}
      {version !== undefined && <input type="hidden" name="version" value={version} />}
      <input type="hidden" name="topics" value={values.topics.join(",")} />
      <input type="hidden" name="memberIds" value={attendees.map((m) => m.id).join(",")} />

      <Field id="title" label={t("trainings.fields.title")} errors={err("title")}>
        <input
          id="title"
          name="title"
          value={values.title}
          onChange={(e) => set("title", e.target.value)}
          className={inputClass}
          maxLength={200}
          aria-invalid={!!err("title")}
          aria-describedby={describedBy("title")}
        />
      </Field>

      <fieldset aria-describedby="topics-hint topics-error">
        <legend className="text-sm font-medium text-slate-800">{t("trainings.fields.topics")}</legend>
        <p id="topics-hint" className="text-sm text-slate-600">
          {t("trainings.hints.topics")}
        </p>
        <div className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-2">
          {TRAINING_TOPICS.map((topic) => (
            <label key={topic} className="flex min-h-10 items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-1 size-4"
                checked={values.topics.includes(topic)}
                onChange={(e) => set("topics", e.target.checked ? [...values.topics, topic] : values.topics.filter((x) => x !== topic))}
                aria-invalid={!!err("topics")}
              />
              <span>{t(`catalog.trainingTopics.${topic}`)}</span>
            </label>
          ))}
        </div>
        <div id="topics-error" aria-live="polite" className="text-sm text-red-700">
          {err("topics")?.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="heldOn" label={t("trainings.fields.heldOn")} errors={err("heldOn")}>
          <input
            id="heldOn"
            name="heldOn"
            type="date"
            value={values.heldOn}
            onChange={(e) => set("heldOn", e.target.value)}
            className={inputClass}
            aria-invalid={!!err("heldOn")}
            aria-describedby={describedBy("heldOn")}
          />
        </Field>
        <Field id="hours" label={t("trainings.fields.hours")} errors={err("hours")} hint={t("trainings.hints.hours")}>
          <input
            id="hours"
            name="hours"
            inputMode="decimal"
            value={values.hours}
            onChange={(e) => set("hours", e.target.value)}
            className={inputClass}
            aria-invalid={!!err("hours")}
            aria-describedby={describedBy("hours", true)}
          />
        </Field>
        <Field id="format" label={t("trainings.fields.format")} errors={err("format")}>
          <select
            id="format"
            name="format"
            value={values.format}
            onChange={(e) => set("format", e.target.value as TrainingFormat)}
            className={inputClass}
            aria-invalid={!!err("format")}
            aria-describedby={describedBy("format")}
          >
            {TRAINING_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`catalog.trainingFormats.${f}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <p className="-mt-2 text-sm text-slate-600">{t("trainings.hints.heldOn")}</p>

      <Field
        id="location"
        label={online ? t("trainings.fields.link") : values.format === "hybrid" ? t("trainings.fields.locationOrLink") : t("trainings.fields.location")}
        errors={err("location")}
        hint={online ? t("trainings.hints.link") : values.format === "hybrid" ? t("trainings.hints.locationOrLink") : undefined}
      >
        <input
          id="location"
          name="location"
          type={online ? "url" : "text"}
          inputMode={online ? "url" : undefined}
          value={values.location}
          onChange={(e) => set("location", e.target.value)}
          className={inputClass}
          maxLength={500}
          aria-invalid={!!err("location")}
          aria-describedby={describedBy("location", online || values.format === "hybrid")}
        />
      </Field>

      <Field id="outsideParticipants" label={t("trainings.fields.outsideParticipants")} errors={err("outsideParticipants")} hint={t("trainings.hints.outsideParticipants")}>
        <input
          id="outsideParticipants"
          name="outsideParticipants"
          inputMode="numeric"
          value={values.outsideParticipants}
          onChange={(e) => set("outsideParticipants", e.target.value)}
          className={`${inputClass} sm:max-w-40`}
          aria-invalid={!!err("outsideParticipants")}
          aria-describedby={describedBy("outsideParticipants", true)}
        />
      </Field>

      {future && attendees.length === 0 ? (
        <FormAlert tone="success">{t("trainings.picker.futureNote")}</FormAlert>
      ) : null}
      <AttendancePicker
        search={search}
        selected={attendees}
        onChange={(next) => {
          markChanged();
          setAttendees(next);
        }}
        unitLabel={unitLabel}
        detail={placeDetail}
        initialResult={initialTeams}
        disabled={future && attendees.length === 0}
        errors={err("memberIds")}
      />

      <div className="flex flex-wrap gap-3">
        <SubmitButton pending={pending}>{record ? t("trainings.save") : t("trainings.create")}</SubmitButton>
        <Link href={cancelHref} className={buttonClass.secondary}>
          {t("trainings.cancel")}
        </Link>
      </div>
    </form>
  );
}
