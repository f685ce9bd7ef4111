/** An out-of-scope or missing record: callers must not be able to tell the two apart. */
export class NotFoundError extends Error {
  constructor(what = "record") {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

/** The record changed since the caller read it; carries the current version for the conflict view. */
export class ConflictError<T = unknown> extends Error {
  constructor(public readonly current: T) {
    super("record changed meanwhile");
    this.name = "ConflictError";
  }
}

/** Input that passed the form schema but breaks a rule that needs the database; field → message key. */
export class FieldError extends Error {
  constructor(public readonly fieldErrors: Record<string, string[]>) {
    super("invalid input");
    this.name = "FieldError";
  }
}

/** Adds the messages of `more` to `into`, each once per field; returns `into`. */
export function mergeFieldErrors(into: Record<string, string[]>, more: Record<string, string[]>): Record<string, string[]> {
  for (const [field, keys] of Object.entries(more)) {
    const list = (into[field] ??= []);
    for (const key of keys) if (!list.includes(key)) list.push(key);
  }
  return into;
}

/** The field errors a check throws, or none: for checks run only to report, never to stop a write. */
export async function fieldErrorsOf(check: () => Promise<unknown>): Promise<Record<string, string[]> | null> {
  try {
    await check();
    return null;
  } catch (error) {
    if (error instanceof FieldError) return error.fieldErrors;
    throw error;
  }
}
