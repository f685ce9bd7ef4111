import { z } from "zod";
import { ROLES } from "@/lib/domain/catalog";
import { passwordProblem } from "@/lib/auth/password-policy";
import { dirField, idField, optionalChoice, pageField, pageSizeField, requiredText, searchText, listChoice } from "./primitives";

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

export const accountCreateSchema = z
  .object({
    username: usernameSchema,
    fullName: trimmed(120),
    role: z.enum(ROLES, { error: "required" }),
    provinceCode: optionalCode(2).default(null),
    communeCode: optionalCode(5).default(null),
    password,
  })
  .superRefine((v, ctx) => {
    if (typeof v.password !== "string") return;
    const problem = passwordProblem(v.password, v.username);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    if (v.role !== "national" && !v.provinceCode) ctx.addIssue({ code: "custom", path: ["provinceCode"], message: "required" });
    if (v.role === "commune" && !v.communeCode) ctx.addIssue({ code: "custom", path: ["communeCode"], message: "required" });
  });
export type AccountCreateInput = z.infer<typeof accountCreateSchema>;

export const accountUpdateSchema = z.object({
  id: idField("not_found"),
  version: idField("not_found"),
  fullName: trimmed(120),
  provinceCode: optionalCode(2).default(null),
  communeCode: optionalCode(5).default(null),
});
export type AccountUpdateInput = z.infer<typeof accountUpdateSchema>;

export const passwordChangeSchema = z
  .object({
    currentPassword: password,
    newPassword: password,
    confirmPassword: password,
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "password_mismatch" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "password_unchanged" });

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
