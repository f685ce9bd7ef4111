import type { Metadata } from "next";
import { getLocale, getTranslations } from "@/i18n/server";
import { HistoryImport } from "@/components/history/history-import";
import { UndoImport } from "@/components/history/undo-import";
import { ClientMessages } from "@/components/i18n/client-messages";
import { cardClass } from "@/components/ui/styles";
import { canImportHistory, listHistoryImports } from "@/lib/dal/history";
import { requireActor } from "@/lib/dal/session";
import { formatDateTime, formatNumber } from "@/lib/format";
import { undoHistoryAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("history"))("title") };
}

/** National users import figures reported before July 2025, see every import and undo one. */
export default async function HistoryPage() {
  const actor = await requireActor();
  const t = await getTranslations("history");
  const locale = await getLocale();
  if (!canImportHistory(actor)) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className={cardClass} role="status">
          {t("nationalOnly")}
        </p>
      </div>
    );
  }
  const imports = await listHistoryImports(actor);
  const num = (v: number) => formatNumber(locale, v);
  const th = "whitespace-nowrap px-3 py-2 text-left font-semibold";
  const td = "px-3 py-2 align-top";
  return (
    <div className="max-w-5xl space-y-4">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("intro")}</p>
      </div>
      <ClientMessages namespaces={["history"]}>
        <HistoryImport />
      </ClientMessages>
      <section className={`${cardClass} min-w-0`} aria-labelledby="history-imports">
        <h2 id="history-imports" className="mb-2 font-semibold">
          {t("imports")}
        </h2>
        {imports.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noImports")}</p>
        ) : (
          <div className="sm:overflow-x-auto">
            <table className="stack-table w-full text-sm sm:min-w-[40rem]" data-testid="history-imports">
              <thead className="bg-slate-50">
                <tr>
                  <th className={th}>{t("when")}</th>
                  <th className={th}>{t("fileName")}</th>
                  <th className={th}>{t("by")}</th>
                  <th className={th}>{t("changes")}</th>
                  <th className={th}>
                    <span className="sr-only">{t("undo")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {imports.map((i) => (
                  <tr key={i.id} className="border-t border-slate-100">
                    <td className={`${td} whitespace-nowrap tabular-nums`} data-label={t("when")}>{formatDateTime(locale, i.createdAt)}</td>
                    <td className={td} data-label={t("fileName")}>
                      {/* One element: on a phone the cell is a two-column grid, label beside value. */}
                      <span>
                        {i.fileName}
                        {i.sample && <span className="ml-1 rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("sample")}</span>}
                      </span>
                    </td>
                    <td className={td} data-label={t("by")}>{i.createdBy ?? "—"}</td>
                    <td className={td} data-label={t("changes")}>{t("changesValue", { new: num(i.figuresNew), updated: num(i.figuresUpdated), unchanged: num(i.figuresUnchanged) })}</td>
                    <td className={td}>
                      <ClientMessages namespaces={["history"]}>
                        <UndoImport id={i.id} fileName={i.fileName} undone={i.undoneAt ? t("undone", { when: formatDateTime(locale, i.undoneAt) }) : null} action={undoHistoryAction} />
                      </ClientMessages>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
