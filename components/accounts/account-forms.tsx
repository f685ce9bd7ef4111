"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormAlert } from "@/components/ui/field";
import { SubmitButton, translateErrors, useFormBehaviour } from "@/components/ui/form";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import type { Role } from "@/lib/domain/catalog";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;
type Option = { code: string; name: string };

/** An account form's state and shared behaviour; field errors are keys of the `errors` messages. */
function useAccountForm(action: Action) {
  const te = useTranslations("errors");
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const errors = translateErrors(state.fieldErrors, te);
  const { form, summary } = useFormBehaviour(state, formAction, errors);
  return { state, pending, form, summary, err: (name: string) => errors?.[name] };
}

function Notice({ state }: { state: FormState }) {
  const t = useTranslations();
  // Field errors are listed by the error summary.
  if (state.error === "form" && Object.keys(state.fieldErrors ?? {}).length > 0) return null;
  if (state.error && state.error !== "conflict") return <FormAlert tone="error">{t(`errors.${state.error}`)}</FormAlert>;
  if (state.error === "conflict") return <FormAlert tone="error">{t("accounts.conflict")}</FormAlert>;
  if (state.notice) return <FormAlert tone="success">{t(state.notice.key, state.notice.values ?? {})}</FormAlert>;
  return null;
}

function UnitFields({
  roles,
  provinces,
  communes,
  values,
  err,
  fixedRole,
}: {
  roles: Role[];
  provinces: Option[];
  communes: Option[];
  values: Record<string, string>;
  err: (name: string) => string[] | undefined;
  fixedRole?: Role;
}) {
  const t = useTranslations();
  return (
    <>
      {!fixedRole && (
        <Field id="role" label={t("accounts.role")} errors={err("role")}>
          <select id="role" name="role" defaultValue={values.role ?? roles[0]} className={inputClass} aria-invalid={!!err("role")} aria-describedby="role-error">
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {fixedRole !== "national" && (
        <Field id="provinceCode" label={t("accounts.province")} errors={err("provinceCode")}>
          <select
            id="provinceCode"
            name="provinceCode"
            defaultValue={values.provinceCode ?? (provinces.length === 1 ? provinces[0].code : "")}
            className={inputClass}
            aria-invalid={!!err("provinceCode")}
            aria-describedby="provinceCode-error"
          >
            <option value="">{t("accounts.choose")}</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {p.code} — {p.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {communes.length > 0 && (fixedRole === undefined || fixedRole === "commune") && (
        <Field id="communeCode" label={t("accounts.commune")} errors={err("communeCode")}>
          <select
            id="communeCode"
            name="communeCode"
            defaultValue={values.communeCode ?? ""}
            className={inputClass}
            aria-invalid={!!err("communeCode")}
            aria-describedby="communeCode-error"
          >
            <option value="">{t("accounts.choose")}</option>
            {communes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} — {c.name}
              </option>
            ))}
          </select>
        </Field>
      )}
    </>
  );
}

export function AccountCreateForm({ action, roles, provinces, communes }: { action: Action; roles: Role[]; provinces: Option[]; communes: Option[] }) {
  const t = useTranslations("accounts");
  const { state, pending, form, summary, err } = useAccountForm(action);
  const v = state.values ?? {};
  return (
    <form {...form} className="max-w-xl space-y-4">
      <Notice state={state} />
      {summary}
      <Field id="username" label={t("username")} errors={err("username")}>
        <input id="username" name="username" defaultValue={v.username} autoCapitalize="none" spellCheck={false} className={inputClass} aria-invalid={!!err("username")} aria-describedby="username-error" />
      </Field>
      <Field id="fullName" label={t("fullName")} errors={err("fullName")}>
        <input id="fullName" name="fullName" defaultValue={v.fullName} className={inputClass} aria-invalid={!!err("fullName")} aria-describedby="fullName-error" />
      </Field>
      <UnitFields roles={roles} provinces={provinces} communes={communes} values={v} err={err} />
      <Field id="password" label={t("initialPassword")} errors={err("password")} hint={t("initialPasswordHint")}>
        <input id="password" name="password" type="password" autoComplete="new-password" className={inputClass} aria-invalid={!!err("password")} aria-describedby="password-error password-hint" />
      </Field>
      <SubmitButton pending={pending}>{t("create")}</SubmitButton>
    </form>
  );
}

export function AccountEditForm({
  action,
  account,
  provinces,
  communes,
}: {
  action: Action;
  account: { id: number; version: number; fullName: string; role: Role; provinceCode: string | null; communeCode: string | null };
  provinces: Option[];
  communes: Option[];
}) {
  const t = useTranslations("accounts");
  const { state, pending, form, summary, err } = useAccountForm(action);
  const current = state.error === "conflict" ? (state.data as typeof account) : undefined;
  const base = current ?? account;
  const v = current
    ? { fullName: current.fullName, provinceCode: current.provinceCode ?? "", communeCode: current.communeCode ?? "" }
    : { fullName: account.fullName, provinceCode: account.provinceCode ?? "", communeCode: account.communeCode ?? "", ...(state.values ?? {}) };
  return (
    <form {...form} className="max-w-xl space-y-4" key={base.version}>
      <Notice state={state} />
      {summary}
      <input type="hidden" name="id" value={base.id} />
      <input type="hidden" name="version" value={base.version} />
      <Field id="fullName" label={t("fullName")} errors={err("fullName")}>
        <input id="fullName" name="fullName" defaultValue={v.fullName} className={inputClass} aria-invalid={!!err("fullName")} aria-describedby="fullName-error" />
      </Field>
      <UnitFields roles={[account.role]} provinces={provinces} communes={communes} values={v} err={err} fixedRole={account.role} />
      <SubmitButton pending={pending}>{t("save")}</SubmitButton>
    </form>
  );
}

/** A commune lead's phone number, as the province reaches them; shown grouped, entered in any usual way. */
export function LeadPhoneForm({ action, id, phone }: { action: Action; id: number; phone: string }) {
  const t = useTranslations("accounts");
  const { state, pending, form, summary, err } = useAccountForm(action);
  const value = (state.values?.phone as string | undefined) ?? phone;
  return (
    <form {...form} className="max-w-xl space-y-4" key={phone}>
      <Notice state={state} />
      {summary}
      <input type="hidden" name="id" value={id} />
      <Field id="phone" label={t("phone")} hint={t("phoneHint")} errors={err("phone")}>
        <input id="phone" name="phone" type="tel" inputMode="tel" autoComplete="off" defaultValue={value} className={inputClass} aria-invalid={!!err("phone")} aria-describedby="phone-hint phone-error" />
      </Field>
      <SubmitButton pending={pending}>{t("savePhone")}</SubmitButton>
    </form>
  );
}

/** A one-button form for an account operation (disable, enable, reset password). */
export function AccountOperation({ action, id, label, extra, danger }: { action: Action; id: number; label: string; extra?: Record<string, string>; danger?: boolean }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className={danger ? buttonClass.danger : buttonClass.secondary} disabled={pending}>
        {label}
      </button>
      <div aria-live="polite">
        <Notice state={state} />
      </div>
    </form>
  );
}

export function PasswordChangeForm({ action }: { action: Action }) {
  const t = useTranslations("password");
  const { state, pending, form, summary, err } = useAccountForm(action);
  return (
    <form {...form} className="max-w-md space-y-4">
      <Notice state={state} />
      {summary}
      <input type="text" name="username" autoComplete="username" hidden readOnly />
      <Field id="currentPassword" label={t("current")} errors={err("currentPassword")}>
        <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" className={inputClass} aria-invalid={!!err("currentPassword")} aria-describedby="currentPassword-error" />
      </Field>
      <Field id="newPassword" label={t("new")} errors={err("newPassword")} hint={t("rules")}>
        <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" className={inputClass} aria-invalid={!!err("newPassword")} aria-describedby="newPassword-error newPassword-hint" />
      </Field>
      <Field id="confirmPassword" label={t("confirm")} errors={err("confirmPassword")}>
        <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" className={inputClass} aria-invalid={!!err("confirmPassword")} aria-describedby="confirmPassword-error" />
      </Field>
      <SubmitButton pending={pending}>{t("submit")}</SubmitButton>
    </form>
  );
}
