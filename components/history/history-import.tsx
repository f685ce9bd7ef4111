"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { FormAlert } from "@/components/ui/field";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { HISTORY_COLUMNS, SPLIT_RULES, type SplitRule } from "@/lib/history/columns";
import type { HistoryPreview } from "@/lib/history/preview";
import { checkFileEnvelope } from "@/lib/import/limits";
import { formatNumber } from "@/lib/format";

type Refusal = { code: string; values?: Record<string, string | number> };
type Answer = { ok: true; preview?: HistoryPreview; token?: string; fileName?: string; counts?: HistoryPreview["counts"] } | { ok: false; error: Refusal; preview?: HistoryPreview };
type Phase = { kind: "idle" } | { kind: "working" } | { kind: "preview"; preview: HistoryPreview; token: string } | { kind: "done"; fileName: string; counts: HistoryPreview["counts"] };

const th = "whitespace-nowrap py-1.5 pr-3 text-left font-semibold";
const td = "py-1.5 pr-3 align-top";
const TONES = { new: "bg-emerald-100 text-emerald-900", updated: "bg-sky-100 text-sky-900", unchanged: "bg-slate-100 text-slate-800" } as const;

async function send(url: string, file: File, rule: SplitRule, token?: string): Promise<Answer> {
  try {
    const response = await fetch(url, {
      method: "POST",
      body: file,
      headers: { "x-file-name": encodeURIComponent(file.name), "x-split-rule": rule, "Content-Type": "application/octet-stream", ...(token ? { "x-import-token": token } : {}) },
    });
    return ((await response.json().catch(() => null)) as Answer | null) ?? { ok: false, error: { code: "network" } };
  } catch {
    return { ok: false, error: { code: "network" } };
  }
}

/** Choose a file and a rule, check it (dry run), then write it: the same steps as the roster import. */
export function HistoryImport() {
  const t = useTranslations("history");
  const locale = useLocale();
  const router = useRouter();
  const num = (v: number) => formatNumber(locale, v);
  const [file, setFile] = useState<File | null>(null);
  const [rule, setRule] = useState<SplitRule>("equal");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (phase.kind === "preview" || phase.kind === "done") resultRef.current?.focus();
  }, [phase.kind]);

  async function preview(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    const envelope = checkFileEnvelope(file.name, file.size);
    if (envelope) return setRefusal(envelope);
    setRefusal(null);
    setPhase({ kind: "working" });
    const answer = await send("/history/preview", file, rule);
    if (answer.ok && answer.preview && answer.token) setPhase({ kind: "preview", preview: answer.preview, token: answer.token });
    else {
      setPhase(!answer.ok && answer.preview ? { kind: "preview", preview: answer.preview, token: "" } : { kind: "idle" });
      if (!answer.ok) setRefusal(answer.error);
    }
  }

  async function commit() {
    if (!file || phase.kind !== "preview") return;
    const { token } = phase;
    setPhase({ kind: "working" });
    const answer = await send("/history/commit", file, rule, token);
    if (answer.ok && answer.counts) {
      setPhase({ kind: "done", fileName: answer.fileName ?? file.name, counts: answer.counts });
      router.refresh();
    } else {
      setPhase({ kind: "idle" });
      if (!answer.ok) setRefusal(answer.error);
    }
  }

  const p = phase.kind === "preview" ? phase.preview : null;
  const writable = p && p.issues.length === 0 ? p.counts.new + p.counts.updated : 0;
  const column = (key: string | null) => (key ? (HISTORY_COLUMNS.find((c) => c.key === key)?.header ?? key) : "—");

  return (
    <div className="space-y-4">
      <form onSubmit={preview} className={`${cardClass} space-y-3`}>
        <p className="text-sm text-slate-700">{t("format", { columns: HISTORY_COLUMNS.slice(6).map((c) => c.header).join(", ") })}</p>
        <div>
          <label htmlFor="history-file" className="mb-1 block text-sm font-medium">
            {t("file")}
          </label>
          <input
            id="history-file"
            type="file"
            accept=".csv,.xlsx"
            className={inputClass}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPhase({ kind: "idle" });
              setRefusal(null);
            }}
          />
        </div>
        <fieldset>
          <legend className="mb-1 text-sm font-medium">{t("rule")}</legend>
          {SPLIT_RULES.map((r) => (
            <label key={r} className="flex items-start gap-2 py-0.5 text-sm">
              <input type="radio" name="rule" value={r} checked={rule === r} onChange={() => { setRule(r); setPhase({ kind: "idle" }); }} className="mt-1" />
              {t(`rules.${r}`)}
            </label>
          ))}
        </fieldset>
        <div aria-live="polite">{refusal && <FormAlert tone="error">{t(`errors.${refusal.code}`, refusal.values ?? {})}</FormAlert>}</div>
        <button type="submit" className={buttonClass.secondary} disabled={!file || phase.kind === "working"}>
          {phase.kind === "working" ? t("working") : t("preview")}
        </button>
      </form>

      {phase.kind === "done" && (
        <section className={cardClass} role="status">
          <h2 ref={resultRef} tabIndex={-1} className="font-semibold">
            {t("done", { file: phase.fileName, new: num(phase.counts.new), updated: num(phase.counts.updated) })}
          </h2>
        </section>
      )}

      {p && (
        <section className={`${cardClass} space-y-4`} aria-labelledby="history-result">
          <div>
            <h2 id="history-result" ref={resultRef} tabIndex={-1} className="font-semibold">
              {t("result")} · {p.fileName}
            </h2>
            <p className="text-sm" data-testid="history-counts">
              {t("counts", { rows: num(p.counts.rows), new: num(p.counts.new), updated: num(p.counts.updated), unchanged: num(p.counts.unchanged), errors: num(p.counts.errors), split: num(p.counts.split) })}
            </p>
            {p.marker && <p className="text-sm text-amber-800">{t("sampleNote", { note: p.marker })}</p>}
          </div>
          {p.issues.length > 0 ? (
            <div>
              <h3 className="font-semibold text-red-800">{t("issues")}</h3>
              <p className="text-sm">{t("fixErrors")}</p>
              <div className="overflow-x-auto">
                <table className="w-full text-sm">
                  <thead>
                    <tr>
                      <th className={th}>{t("row")}</th>
                      <th className={th}>{t("column")}</th>
                      <th className={th}>{t("problem")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.issues.slice(0, 500).map((i, k) => (
                      <tr key={k} className="border-t border-slate-100">
                        <td className={`${td} tabular-nums`}>{i.row}</td>
                        <td className={td}>{column(i.column)}</td>
                        <td className={td}>{t(`issueCodes.${i.code}`, i.values ?? {})}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          ) : writable === 0 ? (
            <p className="text-sm">{t("noChanges")}</p>
          ) : (
            <button type="button" className={buttonClass.primary} onClick={commit}>
              {t("commit", { count: num(writable) })}
            </button>
          )}
          {p.provinces.length > 0 && (
            <div>
              <h3 className="font-semibold">{t("provinces")}</h3>
              <ul className="columns-1 text-sm sm:columns-2">
                {p.provinces.map((v) => (
                  <li key={v.oldCode}>
                    {v.oldCode} {v.oldName} → {v.newCode} {v.newName} ({num(v.rows)})
                  </li>
                ))}
              </ul>
            </div>
          )}
          {p.splits.length > 0 && (
            <div data-testid="history-splits">
              <h3 className="font-semibold">{t("splits")}</h3>
              <ul className="space-y-1 text-sm">
                {p.splits.slice(0, 200).map((s) => (
                  <li key={`${s.row}`}>
                    <span className="font-medium">
                      {t("row")} {s.row}: {s.oldName} ({s.period})
                    </span>{" "}
                    → {s.targets.map((x) => t("splitShare", { name: x.name, guided: x.people_guided === null ? "—" : num(x.people_guided), members: x.members === null ? "—" : num(x.members) })).join("; ")}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div>
            <h3 className="font-semibold">{t("rows", { count: p.rows.length })}</h3>
            <div className="overflow-x-auto">
              <table className="w-full text-sm">
                <thead>
                  <tr>
                    <th className={th}>{t("row")}</th>
                    <th className={th}>{t("oldUnit")}</th>
                    <th className={th}>{t("period")}</th>
                    <th className={th}>{t("target")}</th>
                    <th className={th}>{t("status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.rows.map((r) => (
                    <tr key={r.row} className="border-t border-slate-100">
                      <td className={`${td} tabular-nums`}>{r.row}</td>
                      <td className={td}>
                        {r.oldCode.startsWith("m") ? "" : `${r.oldCode} `}
                        {r.oldName}
                      </td>
                      <td className={`${td} tabular-nums`}>{r.period}</td>
                      <td className={td}>
                        {r.targets.join(", ")}
                        {r.split && <span className="ml-1 rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("split")}</span>}
                      </td>
                      <td className={td}>
                        <span className={`rounded px-1.5 text-xs ${TONES[r.status]}`}>{t(`statuses.${r.status}`)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </section>
      )}
    </div>
  );
}
