"use client";

import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Field, FormAlert } from "@/components/ui/field";
import { SubmitButton, translateErrors, useFormBehaviour } from "@/components/ui/form";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { initialFormState, type FormState } from "@/lib/actions/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;
type Key = { communeCode: string; month: string; version: number };

function Outcome({ state }: { state: FormState }) {
  const t = useTranslations();
  const router = useRouter();
  const conflict = state.error === "conflict";
  // A conflict means the page shows an outdated report: reload it so the latest state is visible.
  useEffect(() => {
    if (conflict) router.refresh();
  }, [conflict, router]);
  const messages = Object.values(state.fieldErrors ?? {}).flat().filter((k): k is string => !!k);
  return (
    <div aria-live="polite">
      {conflict ? (
        <FormAlert tone="error">{t("reports.conflict")}</FormAlert>
      ) : state.error === "form" && messages.length && !state.fieldErrors?.comment ? (
        <FormAlert tone="error">{messages.map((k) => t(k)).join(" ")}</FormAlert>
      ) : state.error && state.error !== "form" ? (
        <FormAlert tone="error">{t(`errors.${state.error}`)}</FormAlert>
      ) : state.notice ? (
        <FormAlert tone="success">{t(state.notice.key)}</FormAlert>
      ) : null}
    </div>
  );
}

function Hidden({ k }: { k: Key }) {
  return (
    <>
      <input type="hidden" name="communeCode" value={k.communeCode} />
      <input type="hidden" name="month" value={k.month} />
      <input type="hidden" name="version" value={k.version} />
    </>
  );
}

/** A one-button report operation: submit, resubmit or approve. */
export function ReportButton({ action, reportKey, label, hint }: { action: Action; reportKey: Key; label: string; hint?: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-2">
      <Hidden k={reportKey} />
      {hint && <p className="text-sm text-slate-600">{hint}</p>}
      <button type="submit" className={buttonClass.primary} disabled={pending}>
        {label}
      </button>
      <Outcome state={state} />
    </form>
  );
}

export function ReturnReportForm({ action, reportKey }: { action: Action; reportKey: Key }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const shown = translateErrors(state.fieldErrors, t);
  const { form, summary } = useFormBehaviour(state, formAction, shown);
  const errors = shown?.comment;
  return (
    <form {...form} className="space-y-2">
      {summary}
      <Hidden k={reportKey} />
      <Field id="comment" label={t("reports.returnComment")} errors={errors}>
        <textarea id="comment" name="comment" rows={3} defaultValue={state.values?.comment} className={inputClass} aria-invalid={!!errors} aria-describedby="comment-error" />
      </Field>
      <SubmitButton pending={pending} className={buttonClass.danger}>
        {t("reports.return")}
      </SubmitButton>
      <Outcome state={state} />
    </form>
  );
}

export function DeadlineForm({ action, deadlineDay }: { action: Action; deadlineDay: number }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const shown = translateErrors(state.fieldErrors, t);
  const { form, summary } = useFormBehaviour(state, formAction, shown);
  const errors = shown?.deadlineDay;
  return (
    <form {...form} className="max-w-sm space-y-3">
      {summary}
      <Field id="deadlineDay" label={t("reports.deadlineDay")} errors={errors} hint={t("reports.deadlineDayHint")}>
        <input
          id="deadlineDay"
          name="deadlineDay"
          inputMode="numeric"
          defaultValue={state.values?.deadlineDay ?? String(deadlineDay)}
          className={inputClass}
          aria-invalid={!!errors}
          aria-describedby="deadlineDay-error deadlineDay-hint"
        />
      </Field>
      <SubmitButton pending={pending}>{t("reports.save")}</SubmitButton>
      <div aria-live="polite">{state.notice && <FormAlert tone="success">{t(state.notice.key)}</FormAlert>}</div>
    </form>
  );
}
