import { z } from "zod";
import { ROLES } from "@/lib/domain/catalog";
import { passwordProblem } from "@/lib/auth/password-policy";

/** Messages are keys of the "errors" message namespace, translated where they are shown. */
const trimmed = (max: number) => z.string().trim().min(1, "required").max(max, "too_long");
const optionalCode = (length: number) =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : v))
    .pipe(z.string().regex(new RegExp(`^[0-9]{${length}}$`), "invalid_unit").nullable());

export const usernameSchema = z
  .string()
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
    password: z.string().min(1, "required"),
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, v.username);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    if (v.role !== "national" && !v.provinceCode) ctx.addIssue({ code: "custom", path: ["provinceCode"], message: "required" });
    if (v.role === "commune" && !v.communeCode) ctx.addIssue({ code: "custom", path: ["communeCode"], message: "required" });
  });
export type AccountCreateInput = z.infer<typeof accountCreateSchema>;

export const accountUpdateSchema = z.object({
  id: z.coerce.number().int().positive(),
  version: z.coerce.number().int().positive(),
  fullName: trimmed(120),
  provinceCode: optionalCode(2).default(null),
  communeCode: optionalCode(5).default(null),
});
export type AccountUpdateInput = z.infer<typeof accountUpdateSchema>;

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, "required"),
    newPassword: z.string().min(1, "required"),
    confirmPassword: z.string().min(1, "required"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "password_mismatch" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "password_unchanged" });

export const accountListSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(["active", "disabled"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
  pageSize: z.coerce.number().int().refine((n) => [10, 20, 50, 100].includes(n)).catch(20),
  sort: z.enum(["username", "fullName", "role", "unit", "lastSignInAt"]).catch("username"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
});
export type AccountListParams = z.infer<typeof accountListSchema>;
