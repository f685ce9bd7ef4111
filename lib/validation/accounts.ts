import { z } from "zod";
import { ROLES, type Role } from "@/lib/domain/catalog";
import { passwordProblem } from "@/lib/auth/password-policy";
import { dirField, fieldsRead, idField, optionalChoice, pageField, pageSizeField, requiredText, searchText, listChoice } from "./primitives";

/** Messages are keys of the "errors" message namespace, translated where they are shown. */
const trimmed = (max: number) => requiredText({ max, messages: { required: "required", tooLong: "too_long", characters: "invalid_characters" } });
const optionalCode = (length: number) =>
  z.unknown().transform((v, ctx): string | null => {
    const s = typeof v === "string" ? v.trim() : v == null ? "" : null;
    if (s === "") return null;
    if (s === null || !new RegExp(`^[0-9]{${length}}$`).test(s)) {
      ctx.addIssue({ code: "custom", message: "invalid_unit" });
      return z.NEVER;
    }
    return s;
  });
/** Passwords are bounded before hashing: argon2 of a megabyte is work an attacker should not get for free. */
const password = z.string({ error: "required" }).min(1, "required").max(200, "password_too_long");

export const usernameSchema = z
  .string({ error: "username_format" })
  .trim()
  .min(3, "username_format")
  .max(64, "username_format")
  .regex(/^[a-zA-Z0-9._-]+$/, "username_format");

const accountCreateFields = z.object({
  username: usernameSchema,
  fullName: trimmed(120),
  role: z.enum(ROLES, { error: "required" }),
  provinceCode: optionalCode(2).default(null),
  communeCode: optionalCode(5).default(null),
  password,
});

/** The checks across fields, each run once the fields it compares read (see `fieldsRead`). */
export const accountCreateSchema = accountCreateFields
  .superRefine(
    (v, ctx) => {
      // A username that does not read yet cannot be compared with the password.
      const problem = passwordProblem(v.password, usernameSchema.safeParse(v.username).success ? v.username : "");
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    },
    { when: fieldsRead(accountCreateFields.pick({ password: true })) },
  )
  .superRefine(
    (v, ctx) => {
      if (v.role !== "national" && !v.provinceCode) ctx.addIssue({ code: "custom", path: ["provinceCode"], message: "required" });
      if (v.role === "commune" && !v.communeCode) ctx.addIssue({ code: "custom", path: ["communeCode"], message: "required" });
    },
    { when: fieldsRead(accountCreateFields.pick({ role: true, provinceCode: true, communeCode: true })) },
  );

/**
 * The username, role and unit of an account form, each as far as it reads: checked against the
 * database (username free, unit existing and administered by the caller) even when the form is
 * refused for other fields.
 */
export function accountPlace(values: Record<string, unknown>): { username: string | null; role: Role | null; provinceCode: string | null; communeCode: string | null } {
  const read = <T,>(schema: z.ZodType<T>, value: unknown): T | null => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : null;
  };
  const { shape } = accountCreateFields;
  return { username: read(shape.username, values.username), role: read(shape.role, values.role), provinceCode: read(shape.provinceCode, values.provinceCode), communeCode: read(shape.communeCode, values.communeCode) };
}
export type AccountCreateInput = z.infer<typeof accountCreateSchema>;

export const accountUpdateSchema = z.object({
  id: idField("not_found"),
  version: idField("not_found"),
  fullName: trimmed(120),
  provinceCode: optionalCode(2).default(null),
  communeCode: optionalCode(5).default(null),
});
export type AccountUpdateInput = z.infer<typeof accountUpdateSchema>;

const passwordChangeShape = z.object({
  currentPassword: password,
  newPassword: password,
  confirmPassword: password,
});

export const passwordChangeSchema = passwordChangeShape
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "password_mismatch",
    when: fieldsRead(passwordChangeShape.pick({ newPassword: true, confirmPassword: true })),
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "password_unchanged",
    when: fieldsRead(passwordChangeShape.pick({ currentPassword: true, newPassword: true })),
  });

/** The current and new passwords of a password form, each as far as it reads, for the checks that need the account. */
export function passwordChangeFields(values: Record<string, unknown>): { currentPassword: string | null; newPassword: string | null } {
  const current = password.safeParse(values.currentPassword);
  const next = password.safeParse(values.newPassword);
  return { currentPassword: current.success ? current.data : null, newPassword: next.success ? next.data : null };
}

export const accountListSchema = z.object({
  q: searchText,
  role: optionalChoice(ROLES),
  status: optionalChoice(["active", "disabled"]),
  page: pageField,
  pageSize: pageSizeField([10, 20, 50, 100], 20),
  sort: listChoice(["username", "fullName", "role", "unit", "lastSignInAt"], "username"),
  dir: dirField("asc"),
});
export type AccountListParams = z.infer<typeof accountListSchema>;
