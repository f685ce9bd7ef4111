import type { Metadata } from "next";
import { getTranslations } from "@/i18n/server";
import { PrintButton } from "@/components/report/print-button";
import { ReportDocument } from "@/components/report/report-document";
import Link from "@/components/ui/link";
import { buttonClass } from "@/components/ui/styles";
import { orNotFound } from "@/lib/dal/not-found";
import { periodicReportData } from "@/lib/dal/periodic-report";
import { requireActor } from "@/lib/dal/session";
import { readPeriod } from "@/lib/domain/period";
import { buildReportModel } from "@/lib/report-doc/model";
import { Download } from "@/components/downloads/download";
import { QueryNotice } from "@/components/notices/query-notice";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("periodicReport"))("title") };
}

/** Print A4 with the decree's margins, without the page chrome. */
const PRINT_CSS = `@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
.report-page { font-family: "Times New Roman", Tinos, "Liberation Serif", serif; max-width: 210mm; padding: 20mm 15mm 20mm 30mm; }
@media screen and (max-width: 640px) { .report-page { padding: 16px; } }
@media print { .report-page { padding: 0; max-width: none; box-shadow: none; } body { background: #fff; } }`;

/** The periodic report of a unit for a period, as a page to print; the same content as the .docx. */
export default async function PeriodicReportPage({ params, searchParams }: Props) {
  const [{ code }, query] = await Promise.all([params, searchParams]);
  const actor = await requireActor();
  const { period, invalid } = readPeriod(query.from, query.to);
  const data = await orNotFound(periodicReportData(actor, code, period));
  const model = buildReportModel(data);
  const t = await getTranslations("periodicReport");
  const range = new URLSearchParams({ from: period.from, to: period.to });
  return (
    <main className="min-h-screen bg-slate-100 py-4 print:bg-white print:py-0">
      <style>{PRINT_CSS}</style>
      <nav aria-label={t("toolbar")} className="mx-auto mb-4 flex max-w-[210mm] flex-wrap items-center gap-3 px-4 print:hidden">
        <Link href={`/units/${code}?${range}`} className={buttonClass.link}>
          ← {t("back")}
        </Link>
        <span className="grow" />
        <Download href={`/report/${code}/docx?${range}`} className={buttonClass.secondary}>
          {t("download")}
        </Download>
        <PrintButton label={t("print")} />
        <p className="w-full text-sm text-slate-600">{t("hint")}</p>
        <div className="w-full">
          <QueryNotice invalid={invalid} period={period} />
        </div>
      </nav>
      <div className="mx-auto max-w-[210mm] shadow print:shadow-none">
        <ReportDocument model={model} />
      </div>
    </main>
  );
}
