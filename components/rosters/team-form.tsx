"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { Field } from "@/components/ui/field";
import { ConflictView, FormNotice, SelectInput, TextInput, useRosterForm, type Option, type RosterAction } from "./form-parts";

type TeamValues = {
  id?: number;
  version?: number;
  communeCode?: string;
  hamletId?: number | null;
  name?: string;
  establishedOn?: string | null;
  status?: string;
  dissolvedOn?: string | null;
  zaloUrl?: string | null;
  note?: string | null;
};

function asValues(team: TeamValues): Record<string, string> {
  return {
    communeCode: team.communeCode ?? "",
    hamletId: team.hamletId?.toString() ?? "",
    name: team.name ?? "",
    establishedOn: team.establishedOn ?? "",
    status: team.status ?? "active",
    dissolvedOn: team.dissolvedOn ?? "",
    zaloUrl: team.zaloUrl ?? "",
    note: team.note ?? "",
  };
}

/** Forms a team in a commune (hamlet or commune level) or edits one, including its status. */
export function TeamForm({ action, team, communeCode, hamlets }: { action: RosterAction; team?: TeamValues; communeCode?: string; hamlets: Option[] }) {
  const t = useTranslations();
  const { state, pending, form, summary, err } = useRosterForm(action);
  const current = state.error === "conflict" ? (state.data as TeamValues) : undefined;
  const base = current ?? team ?? {};
  const v = current ? asValues(current) : { ...asValues(base), ...(state.values ?? {}) };
  const editing = base.id !== undefined;
  const hamletLabel = (id: string) => (id ? (hamlets.find((h) => h.value === id)?.label ?? id) : t("rosters.common.communeLevel"));
  const statusLabel = (s: string) => (s ? t(`catalog.teamStatuses.${s}`) : "");
  return (
    <form {...form} className="max-w-xl space-y-4" key={base.version ?? "new"}>
      <FormNotice state={state} />
      {summary}
      {current && state.values && (
        <ConflictView
          rows={[
            { label: t("rosters.teams.name"), yours: state.values.name ?? "", theirs: current.name ?? "" },
            { label: t("rosters.common.hamlet"), yours: hamletLabel(state.values.hamletId ?? ""), theirs: hamletLabel(current.hamletId?.toString() ?? "") },
            { label: t("rosters.teams.establishedOn"), yours: state.values.establishedOn ?? "", theirs: current.establishedOn ?? "" },
            { label: t("rosters.common.status"), yours: statusLabel(state.values.status ?? ""), theirs: statusLabel(current.status ?? "") },
            { label: t("rosters.teams.dissolvedOn"), yours: state.values.dissolvedOn ?? "", theirs: current.dissolvedOn ?? "" },
            { label: t("rosters.teams.zaloUrl"), yours: state.values.zaloUrl ?? "", theirs: current.zaloUrl ?? "" },
            { label: t("rosters.teams.note"), yours: state.values.note ?? "", theirs: current.note ?? "" },
          ]}
        />
      )}
      {editing ? (
        <>
          <input type="hidden" name="id" value={base.id} />
          <input type="hidden" name="version" value={base.version} />
        </>
      ) : (
        <input type="hidden" name="communeCode" value={communeCode} />
      )}
      <TextInput name="name" label={t("rosters.teams.name")} errors={err("name")} defaultValue={v.name} />
      <SelectInput name="hamletId" label={t("rosters.common.hamlet")} errors={err("hamletId")} defaultValue={v.hamletId} options={hamlets} placeholder={t("rosters.common.communeLevel")} />
      <TextInput name="establishedOn" type="date" label={t("rosters.teams.establishedOn")} errors={err("establishedOn")} defaultValue={v.establishedOn} />
      <TextInput name="zaloUrl" type="url" inputMode="url" label={t("rosters.teams.zaloUrl")} hint={t("rosters.teams.zaloHint")} errors={err("zaloUrl")} defaultValue={v.zaloUrl} />
      <Field id="note" label={t("rosters.teams.note")} errors={err("note")}>
        <textarea id="note" name="note" rows={3} defaultValue={v.note} className={inputClass} aria-invalid={!!err("note")} aria-describedby="note-error" />
      </Field>
      {editing && (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectInput
            name="status"
            label={t("rosters.common.status")}
            errors={err("status")}
            defaultValue={v.status}
            options={["active", "dissolved"].map((s) => ({ value: s, label: statusLabel(s) }))}
          />
          <TextInput name="dissolvedOn" type="date" label={t("rosters.teams.dissolvedOn")} errors={err("dissolvedOn")} defaultValue={v.dissolvedOn} />
        </div>
      )}
      <SubmitButton pending={pending}>
        {editing ? t("rosters.common.save") : t("rosters.teams.new")}
      </SubmitButton>
    </form>
  );
}
