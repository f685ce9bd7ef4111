"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { FormAlert } from "@/components/ui/field";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { formatDateTime, formatNumber } from "@/lib/format";
import type { Values } from "@/lib/import/limits";
import type { ImportBatchView } from "@/lib/import/preview";
import { ListTable, undoBatch } from "./roster-import";

/** The caller's recent imports, each with its undo while it is allowed. */
export function RecentImports({ batches }: { batches: ImportBatchView[] }) {
  const t = useTranslations("imports");
  const locale = useLocale();
  const router = useRouter();
  const [busy, setBusy] = useState<number | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const n = (v: number | undefined) => formatNumber(locale, v ?? 0);

  async function undo(batch: ImportBatchView) {
    if (!window.confirm(t("undoConfirm", { file: batch.fileName }))) return;
    setBusy(batch.id);
    const result = await undoBatch(batch.id);
    setBusy(null);
    if (result.ok) {
      setMessage({ tone: "success", text: t("undone", { restored: n(result.value.restored), removed: n(result.value.removed) }) });
      router.refresh();
    } else {
      const { code, values } = result.error as { code: string; values?: Values };
      setMessage({ tone: "error", text: code === "network" || code === "server" ? t(code) : t(`errors.${code}`, values ?? {}) });
    }
  }

  return (
    <section className={`${cardClass} space-y-2`} aria-labelledby="recent-imports">
      <h2 id="recent-imports" className="font-semibold">
        {t("recentTitle")}
      </h2>
      <p className="text-sm text-slate-700">{t("recentHint")}</p>
      <div aria-live="polite">{message && <FormAlert tone={message.tone}>{message.text}</FormAlert>}</div>
      {batches.length === 0 ? (
        <p className="text-sm text-slate-600">{t("recentEmpty")}</p>
      ) : (
        <ListTable
          testId="recent-imports"
          className="min-w-[40rem]"
          headers={[t("recentWhen"), t("recentFile"), t("recentWho"), t("recentResult"), t("recentStatus")]}
          cellClasses={["sm:whitespace-nowrap", "break-all", "", "sm:whitespace-nowrap"]}
          rows={batches.map((b) => ({
            key: String(b.id),
            cells: [
              b.committedAt ? formatDateTime(locale, b.committedAt) : "",
              b.fileName,
              b.actorName,
              t("summary", { new: n(b.counts?.new), updated: n(b.counts?.updated), moved: n(b.counts?.moved) }),
              b.canUndo ? (
                <button key="undo" type="button" className={buttonClass.secondary} disabled={busy !== null} onClick={() => void undo(b)}>
                  {t("undo")}
                </button>
              ) : (
                t(`batchStatuses.${b.status === "undone" || b.status === "applying" ? b.status : "committed"}`)
              ),
            ],
          }))}
        />
      )}
    </section>
  );
}
