import type { ReportReminders } from "@/lib/dal/report-reminders";
import { formatPhone } from "@/lib/domain/phone";
import { formatDate, formatMonth } from "@/lib/format";
import { dueDays } from "./due-days";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * The reminder a provincial admin pastes into the province's Zalo group: plain text, one commune
 * per numbered line with its lead's name and phone, no markup that a chat would show raw.
 */
export function reminderText(locale: string, t: Translate, tHome: Translate, r: ReportReminders): string {
  const month = formatMonth(r.month);
  const lines = [
    t("textHeading", { province: r.province.name, month }),
    t("textDeadline", { date: formatDate(locale, r.deadline), days: dueDays(tHome, r.daysLeft) }),
    "",
    t("textListHeading", { count: r.communes.length }),
    ...r.communes.map((c, i) =>
      t("textLine", {
        n: i + 1,
        commune: c.name,
        status: c.status === "returned" ? t("textReturned") : "",
        lead: c.leads.length ? c.leads.map((l) => (l.phone ? `${l.fullName}, ${formatPhone(l.phone)}` : l.fullName)).join("; ") : t("textNoLead"),
      }),
    ),
    "",
    t("textClosing"),
  ];
  return lines.join("\n");
}
