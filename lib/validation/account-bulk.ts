import { z } from "zod";
import { normalisePhone } from "@/lib/domain/phone";
import { idField } from "./primitives";

export interface CommuneLeadInput {
  communeCode: string;
  /** Empty: the account is named after its commune. */
  fullName: string;
  phone: string | null;
}

/** At most one province's communes in one go. */
export const MAX_BULK_ACCOUNTS = 500;

/**
 * The bulk commune-lead form: a `pick_<code>` checkbox per commune, with optional `name_<code>`
 * and `phone_<code>`. Errors are keyed by the field they belong to; messages are keys of the
 * "errors" namespace.
 */
export const communeLeadsSchema = z.record(z.string(), z.string()).transform((form, ctx) => {
  const leads: CommuneLeadInput[] = [];
  for (const key of Object.keys(form)) {
    const match = /^pick_(\d{5})$/.exec(key);
    if (!match || form[key] !== "1") continue;
    const code = match[1];
    const fullName = (form[`name_${code}`] ?? "").trim();
    if (fullName.length > 120) ctx.addIssue({ code: "custom", path: [`name_${code}`], message: "errors.too_long" });
    const rawPhone = (form[`phone_${code}`] ?? "").trim();
    let phone: string | null = null;
    if (rawPhone) {
      const parsed = normalisePhone(rawPhone);
      if (parsed.ok) phone = parsed.phone;
      else ctx.addIssue({ code: "custom", path: [`phone_${code}`], message: "week.errors.phone_invalid" });
    }
    leads.push({ communeCode: code, fullName, phone });
  }
  if (leads.length === 0) ctx.addIssue({ code: "custom", path: ["communes"], message: "week.errors.pick_communes" });
  if (leads.length > MAX_BULK_ACCOUNTS) ctx.addIssue({ code: "custom", path: ["communes"], message: "week.errors.too_many" });
  return { leads };
});
export type CommuneLeadsInput = z.infer<typeof communeLeadsSchema>;

/** The account name proposed for a commune: its name without the unit kind, in ASCII, then its code. */
export function communeUsername(name: string, code: string): string {
  const slug = name
    .replace(/^(phường|xã|đặc khu|thị trấn)\s+/i, "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
  return `${slug.slice(0, 50) || "xa"}.${code}`;
}

/** An administrator's change of a commune lead's phone number: empty clears it. Messages are keys of the "errors" namespace. */
export const leadPhoneSchema = z.object({
  id: idField("not_found"),
  phone: z
    .string()
    .max(40, "phone_invalid")
    .transform((raw, ctx) => {
      if (!raw.trim()) return null;
      const parsed = normalisePhone(raw);
      if (parsed.ok) return parsed.phone;
      ctx.addIssue({ code: "custom", message: "phone_invalid" });
      return z.NEVER;
    }),
});
