"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { inputClass } from "@/components/ui/styles";
import { SKILLS, TARGET_GROUPS } from "@/lib/domain/catalog";

export type TeamOption = { id: number; name: string; communeCode: string; communeName: string };
export type RowValues = Record<(typeof FIELDS)[number], string>;
export const FIELDS = ["teamId", "guidedOn", "skill", "targetGroup", "householdsVisited", "peopleGuided", "peopleCompleted", "note"] as const;

/** Team options, grouped by commune when the caller covers several. */
function TeamOptions({ teams }: { teams: TeamOption[] }) {
  const communes = [...new Map(teams.map((t) => [t.communeCode, t.communeName])).entries()];
  if (communes.length <= 1) {
    return teams.map((t) => (
      <option key={t.id} value={t.id}>
        {t.name}
      </option>
    ));
  }
  return communes.map(([code, name]) => (
    <optgroup key={code} label={name}>
      {teams
        .filter((t) => t.communeCode === code)
        .map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
    </optgroup>
  ));
}

/**
 * The fields of one guidance record. `prefix` names them (`rows.3.` in the batch form, empty in
 * the edit form); `errors` maps a field to its translated messages.
 */
export function GuidanceFields({
  prefix,
  values,
  onChange,
  errors,
  teams,
  today,
  disabled,
}: {
  prefix: string;
  values: RowValues;
  onChange?: (field: keyof RowValues, value: string) => void;
  errors: (field: string) => string[] | undefined;
  teams: TeamOption[];
  today: string;
  disabled?: boolean;
}) {
  const t = useTranslations();
  const id = (f: string) => `${prefix}${f}`.replace(/\./g, "-");
  const common = (f: keyof RowValues) => ({
    id: id(f),
    name: `${prefix}${f}`,
    "aria-invalid": !!errors(f),
    "aria-describedby": `${id(f)}-error`,
    disabled,
    ...(onChange ? { value: values[f], onChange: (e: { target: { value: string } }) => onChange(f, e.target.value) } : { defaultValue: values[f] }),
  });
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <Field id={id("teamId")} label={t("guidance.team")} errors={errors("teamId")}>
        <select {...common("teamId")} className={inputClass}>
          <option value="">{t("guidance.choose")}</option>
          <TeamOptions teams={teams} />
        </select>
      </Field>
      <Field id={id("guidedOn")} label={t("guidance.date")} errors={errors("guidedOn")}>
        <input type="date" max={today} {...common("guidedOn")} className={inputClass} />
      </Field>
      <Field id={id("skill")} label={t("guidance.skill")} errors={errors("skill")}>
        <select {...common("skill")} className={inputClass}>
          <option value="">{t("guidance.choose")}</option>
          {SKILLS.map((s) => (
            <option key={s} value={s}>
              {s}. {t(`catalog.skills.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id("targetGroup")} label={t("guidance.targetGroup")} errors={errors("targetGroup")}>
        <select {...common("targetGroup")} className={inputClass}>
          <option value="">{t("guidance.choose")}</option>
          {TARGET_GROUPS.map((g) => (
            <option key={g} value={g}>
              {t(`catalog.targetGroups.${g}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id("householdsVisited")} label={t("guidance.householdsVisited")} errors={errors("householdsVisited")}>
        <input inputMode="numeric" {...common("householdsVisited")} className={inputClass} />
      </Field>
      <Field id={id("peopleGuided")} label={t("guidance.peopleGuided")} errors={errors("peopleGuided")}>
        <input inputMode="numeric" {...common("peopleGuided")} className={inputClass} />
      </Field>
      <Field id={id("peopleCompleted")} label={t("guidance.peopleCompleted")} errors={errors("peopleCompleted")}>
        <input inputMode="numeric" {...common("peopleCompleted")} className={inputClass} />
      </Field>
      <Field id={id("note")} label={t("guidance.note")} errors={errors("note")}>
        <input {...common("note")} className={inputClass} />
      </Field>
    </div>
  );
}
