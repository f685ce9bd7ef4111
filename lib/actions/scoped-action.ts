import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/dal/actor";
import { ConflictError, FieldError, mergeFieldErrors, NotFoundError } from "@/lib/dal/errors";
import { requireActor, requireCallerAllowingTemporaryPassword } from "@/lib/dal/session";
import { echo } from "@/lib/validation/primitives";
import type { FormState } from "./form-state";

function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) out[key] = value;
  }
  return out;
}

/**
 * What goes back into the form after a refusal: what the user typed, so nothing is lost, except
 * values no form field can hold (longer than any field allows), which are cut to MAX_ECHO characters.
 */
const LONGEST_FIELD = 5000;
function echoedValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([k]) => !/password/i.test(k))
      .map(([k, v]) => [echo(k), v.length > LONGEST_FIELD ? echo(v) : v]),
  );
}

/**
 * The one door for form actions: resolves the signed-in caller (re-checked against the database),
 * parses the form with the schema, and only then runs the body. Errors of the data-access layer
 * become form state; passwords are never echoed back.
 */
export function scopedAction<S extends z.ZodType, T = unknown>(
  schema: S,
  body: (actor: Actor, input: z.infer<S>) => Promise<FormState<T>>,
  options: {
    allowTemporaryPassword?: boolean;
    /**
     * Checks against the database run when the schema refuses the form, on whatever fields read
     * correctly, so that every error shows in one round rather than the next.
     */
    alsoCheck?: (actor: Actor, values: Record<string, string>) => Promise<Record<string, string[]>>;
  } = {},
) {
  return async (_previous: FormState<T>, formData: FormData): Promise<FormState<T>> => {
    const actor = options.allowTemporaryPassword ? await requireCallerAllowingTemporaryPassword() : await requireActor();
    const raw = formValues(formData);
    const values = echoedValues(raw);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
      if (options.alsoCheck) mergeFieldErrors(fieldErrors, await options.alsoCheck(actor, raw));
      return { ok: false, error: "form", fieldErrors, values };
    }
    try {
      return await body(actor, parsed.data);
    } catch (error) {
      if (error instanceof FieldError) return { ok: false, error: "form", fieldErrors: error.fieldErrors, values };
      if (error instanceof NotFoundError) return { ok: false, error: "not_found", values };
      if (error instanceof ConflictError) return { ok: false, error: "conflict", values, data: error.current as T };
      throw error;
    }
  };
}
