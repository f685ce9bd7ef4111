"use client";

import { startTransition, useEffect, useLayoutEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from "react";
import { useTranslations } from "next-intl";
import { buttonClass } from "./styles";

/** Field errors as the form shows them: field name → translated messages. */
export type ShownErrors = Record<string, string[] | undefined>;

/**
 * Submits through the action without React's automatic form reset. After an action React resets
 * an uncontrolled form and leaves controlled selects showing their first option while their state
 * still holds the choice: a refused submission looked like lost work. Submitting from `onSubmit`
 * keeps every value exactly as the user left it; the form's `action` still works before hydration.
 */
export function useSubmit(formAction: (formData: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter instanceof HTMLElement ? submitter : null);
    startTransition(() => formAction(formData));
  };
}

/** The control an error belongs to: by name, by id (dots become dashes), or the group its message sits in. */
function fieldFor(form: HTMLFormElement, key: string): HTMLElement | null {
  const byName = form.querySelector<HTMLElement>(`[name="${CSS.escape(key)}"]:not([type=hidden])`);
  if (byName) return byName;
  for (const id of [key, key.replace(/\./g, "-")]) {
    const el = document.getElementById(id);
    if (el && form.contains(el)) return el;
  }
  const message = document.getElementById(`${key}-error`) ?? document.getElementById(`${key.replace(/\./g, "-")}-error`);
  const group = message?.closest("fieldset, [role=group]");
  return group?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea, button") ?? null;
}

/** What the field is called on screen, with the row it belongs to in a form of several rows. */
function labelOf(field: HTMLElement): string {
  const own = field.id ? document.querySelector(`label[for="${CSS.escape(field.id)}"]`)?.textContent : undefined;
  const group = field.closest("fieldset");
  const label = own ?? group?.querySelector("legend")?.textContent ?? "";
  const row = field.closest("[data-form-row]")?.querySelector("legend")?.textContent;
  return [row && row !== label ? row : "", label].filter(Boolean).join(" · ").trim();
}

type Item = { key: string; label: string; message: string; target: string };

/**
 * Every field error of a refused submission in one list at the top of the form. On each refusal it
 * takes the focus and scrolls into view, so that on a phone the answer is never above the screen;
 * each item names its field and moves the focus there.
 */
export function ErrorSummary({ errors, formRef, answer }: { errors: ShownErrors | undefined; formRef: RefObject<HTMLFormElement | null>; answer: unknown }) {
  const t = useTranslations("forms");
  const box = useRef<HTMLDivElement>(null);
  const [items, setItems] = useState<Item[]>([]);
  useLayoutEffect(() => {
    const form = formRef.current;
    const entries = Object.entries(errors ?? {}).flatMap(([key, messages]) => (messages ?? []).map((message) => ({ key, message })));
    if (!form || entries.length === 0) {
      setItems([]);
      return;
    }
    // Listed in the order of the fields on the page (errors found by the server come after the
    // schema's in the answer), errors of no visible field first.
    const placed = entries.map(({ key, message }) => ({ key, message, field: fieldFor(form, key) }));
    const order = (a: HTMLElement | null, b: HTMLElement | null) => (!a || !b || a === b ? Number(!!a) - Number(!!b) : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
    setItems(
      placed
        .map((p, i) => ({ ...p, i }))
        .sort((a, b) => order(a.field, b.field) || a.i - b.i)
        .map(({ key, message, field }) => ({ key, message, label: field ? labelOf(field) : "", target: field?.id ?? "" })),
    );
  }, [errors, formRef, answer]);
  useEffect(() => {
    if (items.length === 0) return;
    box.current?.focus({ preventScroll: true });
    box.current?.scrollIntoView({ block: "start", behavior: "auto" });
  }, [items, answer]);
  if (items.length === 0) return null;
  return (
    <div ref={box} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" className="scroll-mt-4 rounded-md border-2 border-red-600 bg-red-50 p-3 text-sm text-red-900" data-testid="error-summary">
      <p id="error-summary-title" className="font-semibold">
        {t("summaryTitle", { count: items.length })}
      </p>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {items.map((item, i) => (
          <li key={`${item.key}-${i}`}>
            <a
              href={item.target ? `#${item.target}` : undefined}
              className="text-red-900 underline underline-offset-2"
              onClick={(e) => {
                e.preventDefault();
                const form = formRef.current;
                const field = form ? fieldFor(form, item.key) : null;
                field?.focus();
                field?.scrollIntoView({ block: "center" });
              }}
            >
              {item.label ? `${item.label}: ${item.message}` : item.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Warns before a half-filled form is left: on closing or reloading the tab (the browser's own
 * prompt) and on following a link inside the app (a confirmation). A form counts as changed from
 * the first edit until it is saved.
 */
export function useUnsavedChanges(formRef: RefObject<HTMLFormElement | null>, saved: unknown) {
  const t = useTranslations("forms");
  const dirty = useRef(false);
  const message = t("unsaved");
  useEffect(() => {
    dirty.current = false;
  }, [saved]);
  useEffect(() => {
    // Listening on the document, not the form: a form remounted after a conflict is still watched.
    const changed = (e: Event) => {
      const target = e.target as HTMLElement | null;
      // Look-ups such as the attendance search change nothing that is saved.
      if (!target || !formRef.current?.contains(target) || target.closest("[data-not-saved]")) return;
      dirty.current = true;
    };
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!dirty.current) return;
      e.preventDefault();
      e.returnValue = "";
    };
    const click = (e: MouseEvent) => {
      if (!dirty.current || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = (e.target as HTMLElement | null)?.closest("a[href]");
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || link.hasAttribute("download")) return;
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin || (url.pathname === location.pathname && url.search === location.search)) return;
      if (window.confirm(message)) {
        dirty.current = false;
        return;
      }
      e.preventDefault();
      e.stopPropagation();
    };
    document.addEventListener("input", changed, true);
    document.addEventListener("change", changed, true);
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("click", click, true);
    return () => {
      document.removeEventListener("input", changed, true);
      document.removeEventListener("change", changed, true);
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", click, true);
    };
  }, [formRef, message]);
  /** Changes made outside the form's own controls (rows added, members picked) count too. */
  return () => {
    dirty.current = true;
  };
}

/**
 * The behaviour every form shares: submitting without losing values, the error summary, the
 * warning before unsaved changes are left. `errors` are the field errors already translated.
 */
export function useFormBehaviour(state: { ok: boolean }, formAction: (formData: FormData) => void, errors: ShownErrors | undefined) {
  const ref = useRef<HTMLFormElement>(null);
  const onSubmit = useSubmit(formAction);
  const markChanged = useUnsavedChanges(ref, state.ok ? state : null);
  return {
    form: { ref, action: formAction, onSubmit, noValidate: true },
    summary: <ErrorSummary errors={errors} formRef={ref} answer={state} />,
    markChanged,
  };
}

/** Translates every field error of an answer with `t` (keys are full message keys unless `t` is scoped). */
export function translateErrors(fieldErrors: ShownErrors | undefined, t: (key: string) => string): ShownErrors | undefined {
  if (!fieldErrors) return undefined;
  // One message once per field, though the field broke two rules that share it (too short, wrong characters).
  return Object.fromEntries(Object.entries(fieldErrors).map(([k, keys]) => [k, keys && [...new Set(keys.map((key) => t(key)))]]));
}

/** The submit button: while the action runs it says so and cannot be pressed twice. */
export function SubmitButton({ pending, children, className = buttonClass.primary, pendingLabel }: { pending: boolean; children: ReactNode; className?: string; pendingLabel?: string }) {
  const t = useTranslations("forms");
  return (
    <button type="submit" className={className} disabled={pending} aria-disabled={pending}>
      {pending && <span aria-hidden className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-current border-t-transparent" />}
      {pending ? (pendingLabel ?? t("saving")) : children}
    </button>
  );
}
