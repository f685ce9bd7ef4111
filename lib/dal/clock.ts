import "server-only";

let override: (() => Date) | null = null;

/** The current instant as the data-access layer sees it; tests replace it with `setClock`. */
export function now(): Date {
  return override ? override() : new Date();
}

/** Fixes "now" for tests (a date or a function of it); `null` restores the real clock. */
export function setClock(value: Date | (() => Date) | null): void {
  override = value === null ? null : typeof value === "function" ? value : () => new Date(value.getTime());
}
