"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormAlert } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/styles";
import { initialFormState, type FormState } from "@/lib/actions/form-state";

type Action = (state: FormState<never>, formData: FormData) => Promise<FormState<unknown>>;

/** Removes a training after confirmation; a newer version meanwhile is reported, not removed. */
export function TrainingRemove({ action, id, version }: { action: Action; id: number; version: number }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<FormState<unknown>, FormData>(
    (previous, formData) => action(previous as FormState<never>, formData),
    initialFormState,
  );
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm(t("trainings.removeConfirm"))) e.preventDefault();
      }}
      className="space-y-2"
    >
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" className={buttonClass.danger} disabled={pending}>
        {t("trainings.remove")}
      </button>
      <div aria-live="polite">
        {state.error === "conflict" && <FormAlert tone="error">{t("trainings.conflict.title")}</FormAlert>}
        {state.error === "not_found" && <FormAlert tone="error">{t("errors.not_found")}</FormAlert>}
      </div>
    </form>
  );
}
