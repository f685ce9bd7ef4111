"use client";

import { useActionState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { signInAction } from "@/app/actions/session";
import { initialFormState } from "@/lib/actions/form-state";
import { Field, FormAlert } from "@/components/ui/field";
import { buttonClass, inputClass } from "@/components/ui/styles";

export function LoginForm() {
  const t = useTranslations("login");
  const te = useTranslations("errors");
  const format = useFormatter();
  const [state, action, pending] = useActionState(signInAction, initialFormState);
  const until = (state.data as { until?: string } | undefined)?.until;
  const err = (name: string) => state.fieldErrors?.[name]?.map((k) => te(k));
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error === "invalid" && <FormAlert tone="error">{t("invalid")}</FormAlert>}
      {state.error === "throttled" && (
        <FormAlert tone="error">
          {t("throttled", {
            time: until
              ? format.dateTime(new Date(until), { hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" })
              : "15'",
          })}
        </FormAlert>
      )}
      <Field id="username" label={t("username")} errors={err("username")}>
        <input
          id="username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          defaultValue={state.values?.username ?? ""}
          aria-invalid={!!err("username")}
          aria-describedby="username-error"
          className={inputClass}
        />
      </Field>
      <Field id="password" label={t("password")} errors={err("password")}>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={!!err("password")}
          aria-describedby="password-error"
          className={inputClass}
        />
      </Field>
      <button type="submit" className={`${buttonClass.primary} w-full`} disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
