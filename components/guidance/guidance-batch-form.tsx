"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { FormAlert } from "@/components/ui/field";
import { SubmitButton, translateErrors, useFormBehaviour } from "@/components/ui/form";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { FIELDS, GuidanceFields, type RowValues, type TeamOption } from "./guidance-fields";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;
type Row = { key: number; values: RowValues };

function blank(today: string, teams: TeamOption[], teamId?: number): RowValues {
  const chosen = teams.find((t) => t.id === teamId) ?? (teams.length === 1 ? teams[0] : undefined);
  return { teamId: chosen ? String(chosen.id) : "", guidedOn: today, skill: "", targetGroup: "", householdsVisited: "", peopleGuided: "", peopleCompleted: "", note: "" };
}

function nextDay(date: string, today: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  const next = new Date(d.getTime() + 86400_000).toISOString().slice(0, 10);
  return next > today ? date : next;
}

/** Rows rebuilt from the values the server echoed back, so that input survives a refused submission. */
function rowsFromValues(values: Record<string, string>): Row[] {
  const keys = [...new Set(Object.keys(values).flatMap((k) => /^rows\.(\d+)\./.exec(k)?.[1] ?? []))].map(Number).sort((a, b) => a - b);
  return keys.map((key) => ({ key, values: Object.fromEntries(FIELDS.map((f) => [f, values[`rows.${key}.${f}`] ?? ""])) as RowValues }));
}

/**
 * Several guidance records in one submission: rows can be added, duplicated (to the next day) and
 * removed; all are validated and saved together, errors shown beside each row's fields.
 */
/** `teamId` preselects the first row's team (a link from the home page's list of teams without records). */
export function GuidanceBatchForm({ action, teams, today, teamId }: { action: Action; teams: TeamOption[]; today: string; teamId?: number }) {
  const t = useTranslations();
  const [rows, setRows] = useState<Row[]>([{ key: 0, values: blank(today, teams, teamId) }]);
  const [state, formAction, pending] = useActionState(async (previous: FormState, formData: FormData) => {
    const next = await action(previous, formData);
    if (next.values) setRows(rowsFromValues(next.values));
    return next;
  }, initialFormState);
  const nextKey = () => Math.max(-1, ...rows.map((r) => r.key)) + 1;
  const update = (key: number, field: keyof RowValues, value: string) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, values: { ...r.values, [field]: value } } : r)));
  const duplicate = (index: number) =>
    changeRows((rs) => {
      const source = rs[index];
      const copy = { key: nextKey(), values: { ...source.values, guidedOn: nextDay(source.values.guidedOn, today) } };
      return [...rs.slice(0, index + 1), copy, ...rs.slice(index + 1)];
    });
  const errors = translateErrors(state.fieldErrors, t);
  const { form, summary, markChanged } = useFormBehaviour(state, formAction, errors);
  const errorsOf = (key: number) => (field: string) => errors?.[`rows.${key}.${field}`];
  const changeRows = (change: (rows: Row[]) => Row[]) => {
    markChanged();
    setRows(change);
  };
  return (
    <form {...form} className="space-y-4">
      <div aria-live="polite">{state.error && !errors && <FormAlert tone="error">{t(`errors.${state.error}`)}</FormAlert>}</div>
      {summary}
      {rows.map((row, index) => (
        <fieldset key={row.key} className={cardClass} data-testid="guidance-row" data-form-row>
          <legend className="font-semibold">{t("guidance.row", { n: index + 1 })}</legend>
          <div className="mb-2 flex flex-wrap items-center justify-end gap-2">
            <div className="flex flex-wrap gap-2">
              <button type="button" className={buttonClass.secondary} onClick={() => duplicate(index)}>
                {t("guidance.duplicateRow", { n: index + 1 })}
              </button>
              {rows.length > 1 && (
                <button type="button" className={buttonClass.secondary} onClick={() => changeRows((rs) => rs.filter((r) => r.key !== row.key))}>
                  {t("guidance.removeRow", { n: index + 1 })}
                </button>
              )}
            </div>
          </div>
          <GuidanceFields prefix={`rows.${row.key}.`} values={row.values} onChange={(f, v) => update(row.key, f, v)} errors={errorsOf(row.key)} teams={teams} today={today} />
        </fieldset>
      ))}
      <div className="flex flex-wrap gap-3">
        <button type="button" className={buttonClass.secondary} onClick={() => changeRows((rs) => [...rs, { key: nextKey(), values: blank(today, teams) }])}>
          {t("guidance.addRow")}
        </button>
        <SubmitButton pending={pending}>{t("guidance.saveAll")}</SubmitButton>
      </div>
    </form>
  );
}
