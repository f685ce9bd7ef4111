"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { FormAlert } from "@/components/ui/field";
import { SubmitButton, translateErrors, useFormBehaviour } from "@/components/ui/form";
import { buttonClass } from "@/components/ui/styles";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { formatDate, formatDateTime } from "@/lib/format";
import { FIELDS, GuidanceFields, type RowValues, type TeamOption } from "./guidance-fields";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;
export type EditableRecord = RowValues & { id: number; version: number; teamName: string; updatedAt: string };

type Current = { id: number; version: number; teamId: number; teamName: string; guidedOn: string; skill: number; targetGroup: string; householdsVisited: number; peopleGuided: number; peopleCompleted: number; note: string | null; updatedAt: string | Date };

function toValues(r: Current): EditableRecord {
  return {
    id: r.id,
    version: r.version,
    teamName: r.teamName,
    updatedAt: String(r.updatedAt),
    teamId: String(r.teamId),
    guidedOn: r.guidedOn,
    skill: String(r.skill),
    targetGroup: r.targetGroup,
    householdsVisited: String(r.householdsVisited),
    peopleGuided: String(r.peopleGuided),
    peopleCompleted: String(r.peopleCompleted),
    note: r.note ?? "",
  };
}

/** Both versions side by side after a concurrent edit: what the user typed and what is stored now. */
function ConflictView({ yours, theirs, teams }: { yours: Record<string, string>; theirs: EditableRecord; teams: TeamOption[] }) {
  const t = useTranslations();
  const locale = useLocale();
  const show = (field: string, value: string | undefined) => {
    if (!value) return "—";
    if (field === "teamId") return teams.find((x) => String(x.id) === value)?.name ?? theirs.teamName;
    if (field === "guidedOn") return formatDate(locale, value);
    if (field === "skill") return `${value}. ${t(`catalog.skills.${value}`)}`;
    if (field === "targetGroup") return t(`catalog.targetGroups.${value}`);
    return value;
  };
  return (
    <div className="overflow-x-auto" data-testid="conflict-view">
      <table className="w-full min-w-[28rem] text-sm">
        <thead>
          <tr className="border-b text-left text-slate-600">
            <th scope="col" className="py-1 pr-3">{t("guidance.field")}</th>
            <th scope="col" className="py-1 pr-3">{t("guidance.yours")}</th>
            <th scope="col" className="py-1 pr-3">
              {t("guidance.theirs")} ({formatDateTime(locale, theirs.updatedAt)})
            </th>
          </tr>
        </thead>
        <tbody>
          {FIELDS.map((f) => (
            <tr key={f} className={`border-b last:border-0 ${(yours[f] ?? "") !== theirs[f] ? "bg-amber-50" : ""}`}>
              <th scope="row" className="py-1 pr-3 text-left font-medium">{t(`guidance.${f === "teamId" ? "team" : f === "guidedOn" ? "date" : f}`)}</th>
              <td className="py-1 pr-3">{show(f, yours[f])}</td>
              <td className="py-1 pr-3">{show(f, theirs[f])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function GuidanceEditForm({ action, record, teams, today }: { action: Action; record: EditableRecord; teams: TeamOption[]; today: string }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const theirs = state.error === "conflict" && state.data ? toValues(state.data as Current) : undefined;
  const base = theirs ?? record;
  const values: RowValues = theirs ? theirs : { ...record, ...(state.values ?? {}) };
  const shown = translateErrors(state.error === "conflict" ? undefined : state.fieldErrors, t);
  const { form, summary } = useFormBehaviour(state, formAction, shown);
  const errors = (f: string) => shown?.[f];
  return (
    <form {...form} className="space-y-4" key={base.version}>
      <div aria-live="polite">
        {state.error === "conflict" && theirs ? (
          <div className="space-y-2">
            <FormAlert tone="error">{t("guidance.conflict")}</FormAlert>
            <ConflictView yours={state.values ?? {}} theirs={theirs} teams={teams} />
          </div>
        ) : state.error && !shown ? (
          <FormAlert tone="error">{t(`errors.${state.error}`)}</FormAlert>
        ) : state.notice ? (
          <FormAlert tone="success">{t(state.notice.key)}</FormAlert>
        ) : null}
      </div>
      {summary}
      <input type="hidden" name="id" value={base.id} />
      <input type="hidden" name="version" value={base.version} />
      <GuidanceFields prefix="" values={values} errors={errors} teams={teams} today={today} />
      <SubmitButton pending={pending}>{t("guidance.save")}</SubmitButton>
    </form>
  );
}

export function GuidanceRemoveForm({ action, id, version }: { action: Action; id: number; version: number }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const messages = Object.values(state.fieldErrors ?? {}).flat().filter((k): k is string => !!k);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" className={buttonClass.danger} disabled={pending}>
        {t("guidance.remove")}
      </button>
      <div aria-live="polite">
        {state.error === "conflict" ? (
          <FormAlert tone="error">{t("guidance.conflict")}</FormAlert>
        ) : state.error === "form" && messages.length ? (
          <FormAlert tone="error">{messages.map((k) => t(k)).join(" ")}</FormAlert>
        ) : state.error ? (
          <FormAlert tone="error">{t(`errors.${state.error}`)}</FormAlert>
        ) : null}
      </div>
    </form>
  );
}
