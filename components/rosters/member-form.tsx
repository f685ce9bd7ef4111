"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/form";
import { AFFILIATIONS, GENDERS, POSITIONS } from "@/lib/domain/catalog";
import { ConflictView, FormNotice, SelectInput, TextInput, useRosterForm, type Option, type RosterAction } from "./form-parts";

type MemberValues = {
  id?: number;
  version?: number;
  teamId?: number;
  fullName?: string;
  gender?: string;
  birthYear?: number | null;
  phone?: string | null;
  position?: string;
  affiliations?: string[];
  joinedOn?: string | null;
  leftOn?: string | null;
};

function asValues(m: MemberValues): Record<string, string> {
  const out: Record<string, string> = {
    teamId: m.teamId?.toString() ?? "",
    fullName: m.fullName ?? "",
    gender: m.gender ?? "",
    birthYear: m.birthYear?.toString() ?? "",
    phone: m.phone ?? "",
    position: m.position ?? "member",
    joinedOn: m.joinedOn ?? "",
    leftOn: m.leftOn ?? "",
  };
  for (const a of m.affiliations ?? []) out[`affiliations.${a}`] = "on";
  return out;
}

/** Adds a member to a team or edits one; affiliations are several checkboxes. */
export function MemberForm({ action, member, teams }: { action: RosterAction; member?: MemberValues; teams: Option[] }) {
  const t = useTranslations();
  const { state, pending, form, summary, err } = useRosterForm(action);
  const current = state.error === "conflict" ? (state.data as MemberValues) : undefined;
  const base = current ?? member ?? {};
  const v = current ? asValues(current) : state.values ? { ...state.values } : asValues(base);
  const editing = base.id !== undefined;
  const affiliationList = (values: Record<string, string>) =>
    AFFILIATIONS.filter((a) => values[`affiliations.${a}`])
      .map((a) => t(`catalog.affiliations.${a}`))
      .join(", ");
  const label = (group: string, key: string) => (key ? t(`catalog.${group}.${key}`) : "");
  const teamLabel = (id: string) => teams.find((o) => o.value === id)?.label ?? id;
  return (
    <form {...form} className="max-w-2xl space-y-4" key={base.version ?? "new"}>
      <FormNotice state={state} />
      {summary}
      {current && state.values && (
        <ConflictView
          rows={[
            { label: t("rosters.common.team"), yours: teamLabel(state.values.teamId ?? ""), theirs: teamLabel(current.teamId?.toString() ?? "") },
            { label: t("rosters.members.fullName"), yours: state.values.fullName ?? "", theirs: current.fullName ?? "" },
            { label: t("rosters.members.gender"), yours: label("genders", state.values.gender ?? ""), theirs: label("genders", current.gender ?? "") },
            { label: t("rosters.members.birthYear"), yours: state.values.birthYear ?? "", theirs: current.birthYear?.toString() ?? "" },
            { label: t("rosters.members.phone"), yours: state.values.phone ?? "", theirs: current.phone ?? "" },
            { label: t("rosters.members.position"), yours: label("positions", state.values.position ?? ""), theirs: label("positions", current.position ?? "") },
            { label: t("rosters.members.affiliations"), yours: affiliationList(state.values), theirs: affiliationList(asValues(current)) },
            { label: t("rosters.members.joinedOn"), yours: state.values.joinedOn ?? "", theirs: current.joinedOn ?? "" },
            { label: t("rosters.members.leftOn"), yours: state.values.leftOn ?? "", theirs: current.leftOn ?? "" },
          ]}
        />
      )}
      {editing && (
        <>
          <input type="hidden" name="id" value={base.id} />
          <input type="hidden" name="version" value={base.version} />
        </>
      )}
      <SelectInput name="teamId" label={t("rosters.common.team")} errors={err("teamId")} defaultValue={v.teamId} options={teams} placeholder={t("rosters.common.choose")} />
      <TextInput name="fullName" label={t("rosters.members.fullName")} errors={err("fullName")} defaultValue={v.fullName} autoComplete="off" />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectInput
          name="gender"
          label={t("rosters.members.gender")}
          errors={err("gender")}
          defaultValue={v.gender}
          options={GENDERS.map((g) => ({ value: g, label: label("genders", g) }))}
          placeholder={t("rosters.common.choose")}
        />
        <TextInput name="birthYear" label={t("rosters.members.birthYear")} errors={err("birthYear")} defaultValue={v.birthYear} inputMode="numeric" />
        <TextInput name="phone" type="tel" inputMode="tel" label={t("rosters.members.phone")} hint={t("rosters.members.phoneHint")} errors={err("phone")} defaultValue={v.phone} autoComplete="off" />
        <SelectInput
          name="position"
          label={t("rosters.members.position")}
          errors={err("position")}
          defaultValue={v.position}
          options={POSITIONS.map((p) => ({ value: p, label: label("positions", p) }))}
        />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{t("rosters.members.affiliations")}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {AFFILIATIONS.map((a) => (
            <label key={a} className="flex min-h-10 items-center gap-2 text-sm">
              <input type="checkbox" name={`affiliations.${a}`} defaultChecked={!!v[`affiliations.${a}`]} className="h-5 w-5" />
              {label("affiliations", a)}
            </label>
          ))}
        </div>
        <div id="affiliations-error" aria-live="polite" className="text-sm text-red-700">
          {err("affiliations")?.map((e) => <p key={e}>{e}</p>)}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextInput name="joinedOn" type="date" label={t("rosters.members.joinedOn")} errors={err("joinedOn")} defaultValue={v.joinedOn} />
        <TextInput name="leftOn" type="date" label={t("rosters.members.leftOn")} errors={err("leftOn")} defaultValue={v.leftOn} />
      </div>
      <SubmitButton pending={pending}>
        {editing ? t("rosters.common.save") : t("rosters.members.new")}
      </SubmitButton>
    </form>
  );
}
