/** What a form's server action returns: field errors as message keys, the submitted values, a notice. */
export interface FormState<T = unknown> {
  ok: boolean;
  fieldErrors?: Record<string, string[] | undefined>;
  /** Message key of an error about the whole form. */
  error?: string;
  /** Message key (and values) of a success notice. */
  notice?: { key: string; values?: Record<string, string> };
  values?: Record<string, string>;
  data?: T;
}

export const initialFormState: FormState = { ok: false };
