"use client";

import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { FormAlert } from "@/components/ui/field";
import { useUnsavedChanges } from "@/components/ui/form";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import type { CreatedLead } from "@/lib/dal/account-bulk";

type Commune = { code: string; name: string; hasTeam: boolean; username: string };
type Action = (state: FormState<CreatedLead[]>, formData: FormData) => Promise<FormState<CreatedLead[]>>;

/** Quotes a CSV cell so that commas, quotes and line breaks survive Excel and LibreOffice. */
const csvCell = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The communes without a lead account, each with a checkbox and optional name and phone; then, once, the sheet of passwords. */
export function BulkLeadsForm({ action, communes }: { action: Action; communes: Commune[] }) {
  const t = useTranslations("week");
  const tAll = useTranslations();
  const [state, formAction, pending] = useActionState(action, initialFormState as FormState<CreatedLead[]>);
  // Communes with a team owe reports and need a lead first: they start chosen.
  const [picked, setPicked] = useState<Set<string>>(() => new Set(communes.filter((c) => c.hasTeam).map((c) => c.code)));
  const summary = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useUnsavedChanges(formRef, state.ok ? state : null);
  const failed = state.error === "form" || state.error === "not_found";
  useEffect(() => {
    if (failed) summary.current?.focus();
  }, [failed, state]);

  if (state.ok && state.data) return <PasswordSheet sheet={state.data} />;

  const errorsOf = (field: string) => state.fieldErrors?.[field]?.map((k) => tAll(k));
  const listed = Object.entries(state.fieldErrors ?? {}).filter(([, v]) => v?.length);
  const toggle = (code: string, on: boolean) =>
    setPicked((p) => {
      const next = new Set(p);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });
  return (
    // Submitted by hand rather than through the form's action prop: React resets a form after its
    // action, which would put every checkbox back to how the page first drew it while the state
    // still shows the user's choice, and the next submit would create accounts nobody chose.
    <form
      ref={formRef}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
      className="space-y-4"
      noValidate
    >
      {failed && (
        <div ref={summary} tabIndex={-1} className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800" role="alert" data-testid="bulk-errors">
          <p className="font-semibold">{state.error === "not_found" ? tAll("errors.not_found") : t("errors.summary")}</p>
          <ul className="list-inside list-disc">
            {listed.map(([field, keys]) => {
              const code = field.split("_")[1];
              const commune = communes.find((c) => c.code === code);
              return (
                <li key={field}>
                  <a href={`#${field === "communes" ? "pick-all" : field}`} className="underline">
                    {commune ? `${commune.name}: ` : ""}
                    {keys!.map((k) => tAll(k)).join(" ")}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <div className={`${cardClass} sticky top-0 z-10 flex flex-wrap items-center justify-between gap-3`}>
        <label className="flex min-h-10 items-center gap-2 text-sm font-medium">
          <input
            id="pick-all"
            type="checkbox"
            className="h-5 w-5"
            checked={picked.size === communes.length}
            onChange={(e) => setPicked(e.target.checked ? new Set(communes.map((c) => c.code)) : new Set())}
          />
          {t("pickAll")} · {t("bulkCount", { count: communes.length })}
        </label>
        <button type="submit" className={buttonClass.primary} disabled={pending || picked.size === 0}>
          {pending ? t("creating") : t("create", { count: picked.size })}
        </button>
      </div>
      <ul className="space-y-2" data-testid="bulk-communes">
        {communes.map((c) => {
          const nameErrors = errorsOf(`name_${c.code}`);
          const phoneErrors = errorsOf(`phone_${c.code}`);
          const pickErrors = errorsOf(`pick_${c.code}`);
          return (
            <li key={c.code} className={`${cardClass} grid gap-2 sm:grid-cols-[minmax(14rem,1fr)_1fr_12rem] sm:items-start`}>
              <div>
                <label className="flex min-h-10 items-center gap-2">
                  <input
                    id={`pick_${c.code}`}
                    type="checkbox"
                    name={`pick_${c.code}`}
                    value="1"
                    className="h-5 w-5 shrink-0"
                    checked={picked.has(c.code)}
                    onChange={(e) => toggle(c.code, e.target.checked)}
                    aria-label={t("pick", { commune: c.name })}
                  />
                  <span className="font-medium">{c.name}</span>
                </label>
                <p className="pl-7 text-xs text-slate-600">
                  {t("username")}: <span className="font-mono">{c.username}</span> · {c.hasTeam ? t("hasTeam") : t("noTeam")}
                </p>
                {pickErrors && <p className="pl-7 text-sm text-red-700">{pickErrors.join(" ")}</p>}
              </div>
              <div>
                <label htmlFor={`name_${c.code}`} className="sr-only">
                  {t("fullNameFor", { commune: c.name })}
                </label>
                <input
                  id={`name_${c.code}`}
                  name={`name_${c.code}`}
                  placeholder={t("fullName")}
                  defaultValue={state.values?.[`name_${c.code}`]}
                  className={inputClass}
                  aria-invalid={!!nameErrors}
                  aria-describedby={`name_${c.code}-error`}
                  autoComplete="off"
                />
                <p id={`name_${c.code}-error`} className="text-sm text-red-700">
                  {nameErrors?.join(" ")}
                </p>
              </div>
              <div>
                <label htmlFor={`phone_${c.code}`} className="sr-only">
                  {t("phoneFor", { commune: c.name })}
                </label>
                <input
                  id={`phone_${c.code}`}
                  name={`phone_${c.code}`}
                  placeholder={t("phone")}
                  inputMode="tel"
                  defaultValue={state.values?.[`phone_${c.code}`]}
                  className={inputClass}
                  aria-invalid={!!phoneErrors}
                  aria-describedby={`phone_${c.code}-error`}
                  autoComplete="off"
                />
                <p id={`phone_${c.code}-error`} className="text-sm text-red-700">
                  {phoneErrors?.join(" ")}
                </p>
              </div>
            </li>
          );
        })}
      </ul>
    </form>
  );
}

function PasswordSheet({ sheet }: { sheet: CreatedLead[] }) {
  const t = useTranslations("week");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const columns = [t("commune"), t("fullName"), t("phone"), t("username"), t("password")];
  const rows = sheet.map((s) => [s.communeName, s.fullName, s.phone ?? "", s.username, s.password]);
  const signIn = () => t("signInAt", { url: `${window.location.origin}/login` });
  const download = () => {
    const csv = [columns, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n");
    // The byte-order mark makes Excel read the Vietnamese names as UTF-8.
    const url = URL.createObjectURL(new Blob(["\uFEFF", csv, "\r\n"], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `tai-khoan-tam-thoi-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const print = () => {
    const w = window.open("", "_blank");
    if (!w) return window.print();
    const esc = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    w.document.write(
      `<!doctype html><html lang="vi"><meta charset="utf-8"><title>${esc(t("sheetTitle"))}</title>` +
        `<style>body{font:12pt "Times New Roman",serif;margin:16mm}table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;padding:4px 6px;text-align:left}td:nth-child(4),td:nth-child(5){font-family:monospace}</style>` +
        `<h1>${esc(t("sheetTitle"))}</h1><p>${esc(signIn())}</p><table><thead><tr>${columns.map((c) => `<th>${esc(c)}</th>`).join("")}</tr></thead><tbody>` +
        rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("") +
        `</tbody></table></html>`,
    );
    w.document.close();
    w.focus();
    w.print();
  };
  return (
    <section className="space-y-3" aria-labelledby="sheet-title" data-testid="password-sheet">
      <h2 id="sheet-title" ref={heading} tabIndex={-1} className="text-xl font-semibold">
        {t("sheetTitle")}
      </h2>
      <FormAlert tone="success">{t("sheetDone", { count: sheet.length })}</FormAlert>
      <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("sheetWarning")}</p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass.primary} onClick={download}>
          {t("download")}
        </button>
        <button type="button" className={buttonClass.secondary} onClick={print}>
          {t("print")}
        </button>
      </div>
      <ul className="space-y-2">
        {sheet.map((s) => (
          <li key={s.username} className={`${cardClass} grid gap-1 text-sm sm:grid-cols-4`}>
            <span className="font-medium">{s.communeName}</span>
            <span>{s.fullName}</span>
            <span>
              {t("username")}: <span className="font-mono">{s.username}</span>
            </span>
            <span>
              {t("password")}: <span className="font-mono" data-testid="temporary-password">{s.password}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
