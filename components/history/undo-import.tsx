"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormAlert } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/styles";
import { initialFormState, type FormState } from "@/lib/actions/form-state";

type UndoAction = (state: FormState<Record<string, string>>, form: FormData) => Promise<FormState<Record<string, string>>>;

/**
 * Undo of one import, after a confirmation that says what it does. Once undone it shows when, and
 * keeps the result of the undo it just did (the page refreshes around it).
 */
export function UndoImport({ id, fileName, undone, action }: { id: number; fileName: string; undone: string | null; action: UndoAction }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, initialFormState as FormState<Record<string, string>>);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm(t("history.undoConfirm", { file: fileName }))) e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      {undone ? (
        <span className="text-slate-600">{undone}</span>
      ) : (
        <button type="submit" className={buttonClass.secondary} disabled={pending}>
          {t("history.undo")}
        </button>
      )}
      <div aria-live="polite">
        {state.error && <FormAlert tone="error">{t(state.error, state.data ?? {})}</FormAlert>}
        {state.notice && <FormAlert tone="success">{t(state.notice.key, state.notice.values ?? {})}</FormAlert>}
      </div>
    </form>
  );
}
