"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/form";
import { HAMLET_KINDS } from "@/lib/domain/catalog";
import { ConflictView, FormNotice, SelectInput, TextInput, useRosterForm, type Option, type RosterAction } from "./form-parts";

type HamletValues = { id?: number; version?: number; communeCode?: string; name?: string; kind?: string; households?: number | null };

/** Creates a hamlet (with a commune picker for provincial admins) or edits one. */
export function HamletForm({ action, hamlet, communes }: { action: RosterAction; hamlet?: HamletValues; communes?: Option[] }) {
  const t = useTranslations();
  const { state, pending, form, summary, err } = useRosterForm(action);
  const current = state.error === "conflict" ? (state.data as HamletValues) : undefined;
  const base = current ?? hamlet ?? {};
  const v: Record<string, string> = current
    ? { name: current.name ?? "", kind: current.kind ?? "", households: current.households?.toString() ?? "" }
    : { name: base.name ?? "", kind: base.kind ?? "", households: base.households?.toString() ?? "", communeCode: base.communeCode ?? "", ...(state.values ?? {}) };
  const kindLabel = (k: string) => (k ? t(`catalog.hamletKinds.${k}`) : "");
  return (
    <form {...form} className="max-w-xl space-y-4" key={base.version ?? "new"}>
      <FormNotice state={state} />
      {summary}
      {current && state.values && (
        <ConflictView
          rows={[
            { label: t("rosters.hamlets.name"), yours: state.values.name ?? "", theirs: current.name ?? "" },
            { label: t("rosters.hamlets.kind"), yours: kindLabel(state.values.kind ?? ""), theirs: kindLabel(current.kind ?? "") },
            { label: t("rosters.hamlets.households"), yours: state.values.households ?? "", theirs: current.households?.toString() ?? "" },
          ]}
        />
      )}
      {base.id !== undefined && (
        <>
          <input type="hidden" name="id" value={base.id} />
          <input type="hidden" name="version" value={base.version} />
        </>
      )}
      {communes &&
        (communes.length === 1 ? (
          <input type="hidden" name="communeCode" value={communes[0].value} />
        ) : (
          <SelectInput name="communeCode" label={t("rosters.common.commune")} errors={err("communeCode")} defaultValue={v.communeCode} options={communes} placeholder={t("rosters.common.choose")} />
        ))}
      <TextInput name="name" label={t("rosters.hamlets.name")} errors={err("name")} defaultValue={v.name} />
      <SelectInput
        name="kind"
        label={t("rosters.hamlets.kind")}
        errors={err("kind")}
        defaultValue={v.kind}
        options={HAMLET_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
        placeholder={t("rosters.common.choose")}
      />
      <TextInput name="households" label={t("rosters.hamlets.households")} errors={err("households")} defaultValue={v.households} inputMode="numeric" />
      <SubmitButton pending={pending}>
        {base.id !== undefined ? t("rosters.common.save") : t("rosters.common.create")}
      </SubmitButton>
    </form>
  );
}
