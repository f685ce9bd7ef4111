"use client";

import { useActionState, useEffect, useId, useRef, useState, useSyncExternalStore, type RefObject } from "react";
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

/** What the confirmation asks before a review decision. */
export type Confirmation = { title: string; body: string; confirm: string; cancel: string };

/**
 * A form whose submission waits for the user's confirmation in a modal dialog (Escape or "cancel"
 * leaves everything as it was). `quoteOf` returns text to quote in the dialog, or null to submit
 * without asking.
 */
function ConfirmedForm({
  action,
  confirmation,
  quoteOf = () => "",
  formRef,
  className,
  noValidate,
  children,
}: {
  action: (formData: FormData) => void;
  confirmation?: Confirmation;
  quoteOf?: (form: HTMLFormElement) => string | null;
  /** The form's element for callers that also need it (the error summary focuses its fields). */
  formRef?: RefObject<HTMLFormElement | null>;
  className?: string;
  noValidate?: boolean;
  children: React.ReactNode;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const ownForm = useRef<HTMLFormElement>(null);
  const form = formRef ?? ownForm;
  const confirmed = useRef(false);
  const [quote, setQuote] = useState("");
  // False in the server's HTML and until hydration: a click then would post the form without asking.
  const hydrated = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    if (!confirmation || confirmed.current) {
      confirmed.current = false;
      return;
    }
    const text = quoteOf(e.currentTarget);
    if (text === null) return;
    e.preventDefault();
    setQuote(text);
    dialog.current?.showModal();
  };
  return (
    <form ref={form} action={action} onSubmit={onSubmit} className={className} noValidate={noValidate}>
      <fieldset disabled={!!confirmation && !hydrated} className="contents">
        {children}
      </fieldset>
      {confirmation && (
        <dialog ref={dialog} aria-labelledby={id} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/50" data-testid="confirm-dialog">
          <div className="space-y-3 p-4">
            <h2 id={id} className="text-lg font-semibold">
              {confirmation.title}
            </h2>
            <p className="text-sm text-slate-700">{confirmation.body}</p>
            {quote && <blockquote className="whitespace-pre-wrap border-l-4 border-slate-300 pl-3 text-sm">{quote}</blockquote>}
            <div className="flex flex-wrap justify-end gap-2">
              <button type="button" className={buttonClass.secondary} onClick={() => dialog.current?.close()} autoFocus>
                {confirmation.cancel}
              </button>
              <button
                type="button"
                className={buttonClass.primary}
                onClick={() => {
                  dialog.current?.close();
                  confirmed.current = true;
                  form.current?.requestSubmit();
                }}
              >
                {confirmation.confirm}
              </button>
            </div>
          </div>
        </dialog>
      )}
    </form>
  );
}

/** A one-button report operation: submit, resubmit or approve (the last after a confirmation). */
export function ReportButton({ action, reportKey, label, hint, confirmation }: { action: Action; reportKey: Key; label: string; hint?: string; confirmation?: Confirmation }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <ConfirmedForm action={formAction} confirmation={confirmation} className="space-y-2">
      <Hidden k={reportKey} />
      {hint && <p className="text-sm text-slate-600">{hint}</p>}
      <SubmitButton pending={pending}>{label}</SubmitButton>
      <Outcome state={state} />
    </ConfirmedForm>
  );
}

/** An empty comment goes straight to the server, which says it is required: nothing to confirm yet. */
const commentOf = (form: HTMLFormElement) => String(new FormData(form).get("comment") ?? "").trim() || null;

export function ReturnReportForm({ action, reportKey, confirmation }: { action: Action; reportKey: Key; confirmation?: Confirmation }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const shown = translateErrors(state.fieldErrors, t);
  const { form, summary } = useFormBehaviour(state, formAction, shown);
  const errors = shown?.comment;
  return (
    <ConfirmedForm action={formAction} confirmation={confirmation} quoteOf={commentOf} formRef={form.ref} className="space-y-2" noValidate>
      {summary}
      <Hidden k={reportKey} />
      <Field id="comment" label={t("reports.returnComment")} errors={errors}>
        <textarea id="comment" name="comment" rows={3} defaultValue={state.values?.comment} className={inputClass} aria-invalid={!!errors} aria-describedby="comment-error" />
      </Field>
      <SubmitButton pending={pending} className={buttonClass.danger}>
        {t("reports.return")}
      </SubmitButton>
      <Outcome state={state} />
    </ConfirmedForm>
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
