"use client";

import { useActionState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Field, FormAlert } from "@/components/ui/field";
import { translateErrors, useFormBehaviour } from "@/components/ui/form";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { initialFormState, type FormState } from "@/lib/actions/form-state";

export type RosterAction = (state: FormState, formData: FormData) => Promise<FormState>;
export type Option = { value: string; label: string };

/**
 * A roster form's state and shared behaviour (error summary, values kept, leave warning). Field
 * errors are full message keys ("rosters.errors.…", "errors.required").
 */
export function useRosterForm(action: RosterAction) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const errors = translateErrors(state.fieldErrors, t);
  const { form, summary } = useFormBehaviour(state, formAction, errors);
  return { state, pending, form, summary, err: (name: string) => errors?.[name] };
}

/** The whole-form outcome: an error, a conflict or a success notice. */
export function FormNotice({ state }: { state: FormState }) {
  const t = useTranslations();
  if (state.error === "conflict") return <FormAlert tone="error">{t("rosters.common.conflict")}</FormAlert>;
  // Field errors are listed by the error summary; a general "check the fields" would only repeat it.
  if (state.error === "form" && Object.keys(state.fieldErrors ?? {}).length > 0) return null;
  if (state.error) return <FormAlert tone="error">{t(`errors.${state.error}`)}</FormAlert>;
  if (state.notice) return <FormAlert tone="success">{t(state.notice.key, state.notice.values ?? {})}</FormAlert>;
  return null;
}

/** Yours and theirs, side by side, for the fields that differ after a conflicting edit. */
export function ConflictView({ rows }: { rows: { label: string; yours: string; theirs: string }[] }) {
  const t = useTranslations("rosters.common");
  const changed = rows.filter((r) => r.yours !== r.theirs);
  if (changed.length === 0) return null;
  return (
    <div className="overflow-x-auto rounded-md border border-amber-300 bg-amber-50 p-3">
      <table className="w-full text-sm" data-testid="conflict">
        <thead>
          <tr className="text-left">
            <th scope="col" className="pr-3">{t("field")}</th>
            <th scope="col" className="pr-3">{t("yours")}</th>
            <th scope="col">{t("theirs")}</th>
          </tr>
        </thead>
        <tbody>
          {changed.map((r) => (
            <tr key={r.label} className="border-t border-amber-200 align-top">
              <th scope="row" className="py-1 pr-3 text-left font-medium">{r.label}</th>
              <td className="py-1 pr-3">{r.yours || t("none")}</td>
              <td className="py-1">{r.theirs || t("none")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type InputProps = { name: string; label: string; errors?: string[]; hint?: string; defaultValue?: string | null };

export function TextInput({
  name,
  id = name,
  label,
  errors,
  hint,
  defaultValue,
  type = "text",
  ...rest
}: InputProps & { id?: string; type?: string; inputMode?: "numeric" | "tel" | "url"; autoComplete?: string }) {
  return (
    <Field id={id} label={label} errors={errors} hint={hint}>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue ?? ""}
        className={inputClass}
        aria-invalid={!!errors}
        aria-describedby={`${id}-error${hint ? ` ${id}-hint` : ""}`}
        {...rest}
      />
    </Field>
  );
}

export function SelectInput({ name, label, errors, hint, defaultValue, options, placeholder }: InputProps & { options: Option[]; placeholder?: string }) {
  return (
    <Field id={name} label={label} errors={errors} hint={hint}>
      <select id={name} name={name} defaultValue={defaultValue ?? ""} className={inputClass} aria-invalid={!!errors} aria-describedby={`${name}-error`}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A one-button form (remove, restore) that reports its outcome next to the button. */
export function RecordOperation({
  action,
  id,
  version,
  label,
  danger,
  confirm,
  children,
}: {
  action: RosterAction;
  id: number;
  version?: number;
  label: string;
  danger?: boolean;
  confirm?: string;
  children?: ReactNode;
}) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const messages = Object.values(state.fieldErrors ?? {}).flatMap((keys) => keys ?? []);
  return (
    <form
      action={formAction}
      className="space-y-2"
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      {version !== undefined && <input type="hidden" name="version" value={version} />}
      {children}
      <button type="submit" className={danger ? buttonClass.danger : buttonClass.secondary} disabled={pending}>
        {label}
      </button>
      <div aria-live="polite" className="space-y-1">
        {messages.length > 0 ? (
          <FormAlert tone="error">
            {messages.map((k) => (
              <span key={k} className="block">
                {t(k)}
              </span>
            ))}
          </FormAlert>
        ) : (
          <FormNotice state={state} />
        )}
      </div>
    </form>
  );
}
