import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "@/i18n/server";
import { DeadlineForm } from "@/components/reports/report-forms";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/dal/session";
import { getReportSettings } from "@/lib/dal/settings";
import { formatDateTime } from "@/lib/format";
import { updateDeadlineAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("settingsTitle") };
}

export default async function ReportSettingsPage() {
  const actor = await requireActor();
  if (actor.role !== "national") notFound();
  const settings = await getReportSettings(actor);
  const t = await getTranslations("reports");
  const locale = await getLocale();
  return (
    <div className="space-y-4">
      <Link href="/reports" className={buttonClass.link}>
        ← {t("back")}
      </Link>
      <div>
        <h1 className="text-2xl font-bold">{t("settingsTitle")}</h1>
        <p className="text-sm text-slate-600">{t("settingsIntro")}</p>
        {settings.updatedAt && <p className="text-sm text-slate-600">{t("lastChanged", { at: formatDateTime(locale, settings.updatedAt) })}</p>}
      </div>
      <section className={cardClass}>
        <DeadlineForm action={updateDeadlineAction} deadlineDay={settings.deadlineDay} />
      </section>
    </div>
  );
}
