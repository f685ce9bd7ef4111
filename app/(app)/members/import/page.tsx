import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { RecentImports } from "@/components/imports/recent-imports";
import { RosterImport } from "@/components/imports/roster-import";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { actorUnitCode } from "@/lib/dal/actor";
import { canImportRosters, listImports } from "@/lib/dal/roster-import";
import { requireActor } from "@/lib/dal/session";
import { getUnit } from "@/lib/dal/units";
import { formatNumber } from "@/lib/format";
import { MAX_DATA_ROWS, MAX_FILE_LABEL } from "@/lib/import/limits";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports"))("title") };
}

export default async function RosterImportPage() {
  const actor = await requireActor();
  const t = await getTranslations("imports");
  const locale = await getLocale();
  const back = (
    <Link href="/members" className={buttonClass.link}>
      ← {t("back")}
    </Link>
  );
  if (!canImportRosters(actor)) {
    return (
      <div className="space-y-4">
        {back}
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <section className={cardClass} role="status">
          <h2 className="font-semibold">{t("nationalTitle")}</h2>
          <p className="mt-1 text-slate-700">{t("nationalBody")}</p>
        </section>
      </div>
    );
  }
  const [unit, batches] = await Promise.all([getUnit(actor, actorUnitCode(actor)), listImports(actor)]);
  return (
    <div className="max-w-5xl space-y-4">
      {back}
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("intro")}</p>
        <p className="mt-1 text-sm text-slate-600">{t(actor.role === "provincial" ? "scopeProvince" : "scopeCommune", { unit: unit.name })}</p>
      </div>
      <section className={`${cardClass} space-y-2`} aria-labelledby="step-template">
        <h2 id="step-template" className="font-semibold">
          {t("stepTemplate")}
        </h2>
        <p className="text-sm text-slate-700">{t("templateHint")}</p>
        <a href="/members/import/template" download className={buttonClass.secondary}>
          {t("downloadTemplate")}
        </a>
      </section>
      <section className="space-y-2" aria-labelledby="step-upload">
        <h2 id="step-upload" className="font-semibold">
          {t("stepUpload")}
        </h2>
        <p className="text-sm text-slate-700" data-testid="import-limits">
          {t("limits", { size: MAX_FILE_LABEL, rows: formatNumber(locale, MAX_DATA_ROWS) })}
        </p>
        <p className="text-sm text-slate-600">{t("rules")}</p>
        <RosterImport />
      </section>
      <RecentImports batches={batches} />
    </div>
  );
}
