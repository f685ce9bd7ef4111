"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import Link from "@/components/ui/link";
import { useLocale, useTranslations } from "next-intl";
import { FormAlert } from "@/components/ui/field";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { checkFileEnvelope, type Values } from "@/lib/import/limits";
import type { Decision, Decisions, FieldChange, FieldValue, ImportCounts, ImportPreview, PersonView, PreviewRow } from "@/lib/import/preview";
import type { RowIssue } from "@/lib/import/roster";
import { formatDate, formatNumber } from "@/lib/format";

type Refusal = { code: string; values?: Values };
type Action = "preview" | "commit";
type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; action: Action; percent: number | null }
  | { kind: "processing"; action: Action; staged?: number; applied?: number; total?: number }
  | { kind: "preview"; preview: ImportPreview; token: string }
  | { kind: "done"; fileName: string; counts: ImportCounts; batchId: number | null; undone?: { restored: number; removed: number } };

type Answer =
  | { ok: true; preview?: ImportPreview; token?: string; fileName?: string; counts?: ImportCounts; batchId?: number | null }
  | { ok: false; error: Refusal; preview?: ImportPreview };

const ERROR_PAGE = 500;
const td = "py-1.5 pr-3 align-top";
const STATUS_TONES = {
  new: "bg-emerald-100 text-emerald-900",
  updated: "bg-sky-100 text-sky-900",
  moved: "bg-violet-100 text-violet-900",
  unchanged: "bg-slate-100 text-slate-800",
  conflict: "bg-amber-100 text-amber-900",
  skipped: "bg-slate-100 text-slate-800",
} as const;
const PROGRESS_POLL_MS = 700;

/** Answers that leave no conflict of the preview unanswered. */
function undecided(preview: ImportPreview, decisions: Decisions): number {
  if (decisions.all) return 0;
  const listed = preview.rows.filter((r) => r.status === "conflict");
  return preview.counts.conflicts - listed.filter((r) => decisions.rows?.[r.row]).length;
}

function newKey(): string {
  return crypto.randomUUID();
}
const ROW_PAGE = 200;

/** Sends the file as the request body with XMLHttpRequest, which reports upload progress. */
function upload(url: string, file: File, headers: Record<string, string>, onProgress: (percent: number | null) => void, onSent: () => void) {
  return new Promise<{ status: number; body: Answer | null }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress(e.lengthComputable ? Math.round((e.loaded / e.total) * 100) : null);
    xhr.upload.onload = onSent;
    xhr.onload = () => {
      let body: Answer | null = null;
      try {
        body = JSON.parse(xhr.responseText) as Answer;
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error("network"));
    xhr.send(file);
  });
}

function formatSize(locale: string, bytes: number) {
  return bytes >= 1024 * 1024 ? `${formatNumber(locale, bytes / 1024 / 1024, 1)} MB` : `${formatNumber(locale, Math.ceil(bytes / 1024))} KB`;
}

export function RosterImport() {
  const t = useTranslations("imports");
  const locale = useLocale();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [decisions, setDecisions] = useState<Decisions>({});
  const [errorLimit, setErrorLimit] = useState(ERROR_PAGE);
  const [rowLimit, setRowLimit] = useState(ROW_PAGE);
  const inputRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const busy = phase.kind === "uploading" || phase.kind === "processing";

  useEffect(() => {
    if (phase.kind === "preview" || phase.kind === "done") resultRef.current?.focus();
  }, [phase.kind]);

  function choose(next: File | null) {
    setFile(next);
    setPhase({ kind: "idle" });
    setDecisions({});
    setErrorLimit(ERROR_PAGE);
    setRowLimit(ROW_PAGE);
    setRefusal(next ? checkFileEnvelope(next.name, next.size) : null);
  }

  /** Follows a commit's staging through the progress route until the answer arrives. */
  function follow(key: string, action: Action): () => void {
    let stopped = false;
    const tick = async () => {
      if (stopped) return;
      const response = await fetch(`/members/import/progress?key=${key}`, { cache: "no-store" }).catch(() => null);
      const body = response?.ok ? ((await response.json()) as { rowsStaged: number; rowsApplied: number; rowsTotal: number }) : null;
      if (!stopped && body) setPhase({ kind: "processing", action, staged: body.rowsStaged, applied: body.rowsApplied, total: body.rowsTotal });
      if (!stopped) setTimeout(tick, PROGRESS_POLL_MS);
    };
    setTimeout(tick, PROGRESS_POLL_MS);
    return () => {
      stopped = true;
    };
  }

  async function send(action: Action, token?: string) {
    if (!file) {
      setRefusal({ code: "required" });
      return;
    }
    const envelope = checkFileEnvelope(file.name, file.size);
    if (envelope) {
      setRefusal(envelope);
      return;
    }
    setRefusal(null);
    setPhase({ kind: "uploading", action, percent: 0 });
    const key = newKey();
    let stop = () => {};
    const headers: Record<string, string> = { "x-import-decisions": encodeURIComponent(JSON.stringify(decisions)) };
    if (token) headers["x-import-token"] = token;
    if (action === "commit") headers["x-import-key"] = key;
    try {
      const { status, body } = await upload(
        `/members/import/${action}`,
        file,
        headers,
        (percent) => setPhase({ kind: "uploading", action, percent }),
        () => {
          setPhase({ kind: "processing", action });
          if (action === "commit") stop = follow(key, action);
        },
      );
      stop();
      if (body?.ok && action === "preview" && body.preview && body.token) setPhase({ kind: "preview", preview: body.preview, token: body.token });
      else if (body?.ok && action === "commit" && body.counts) {
        setPhase({ kind: "done", fileName: body.fileName ?? file.name, counts: body.counts, batchId: body.batchId ?? null });
        router.refresh();
      } else if (body && !body.ok) {
        setRefusal(body.error);
        setPhase(body.preview ? { kind: "preview", preview: body.preview, token: "" } : { kind: "idle" });
      } else {
        setRefusal({ code: status === 401 ? "signed_out" : "server" });
        setPhase({ kind: "idle" });
      }
    } catch {
      stop();
      setRefusal({ code: "network" });
      setPhase({ kind: "idle" });
    }
  }

  async function undoDone() {
    if (phase.kind !== "done" || phase.batchId === null) return;
    if (!window.confirm(t("undoConfirm", { file: phase.fileName }))) return;
    const result = await undoBatch(phase.batchId);
    if (result.ok) {
      setPhase({ ...phase, undone: result.value });
      router.refresh();
    } else setRefusal(result.error);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void send("preview");
  }

  function reset() {
    choose(null);
    if (inputRef.current) inputRef.current.value = "";
    inputRef.current?.focus();
  }

  const refusalText = (r: Refusal) =>
    r.code === "network" || r.code === "server" ? t(r.code) : r.code === "required" ? t("errors.required") : t(`errors.${r.code}`, r.values ?? {});
  const n = (v: number) => formatNumber(locale, v);
  const left = phase.kind === "preview" ? undecided(phase.preview, decisions) : 0;

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className={`${cardClass} space-y-3`} noValidate aria-busy={busy}>
        <div className="space-y-1">
          <label htmlFor="roster-file" className="block text-sm font-medium text-slate-800">
            {t("chooseFile")}
          </label>
          <input
            ref={inputRef}
            id="roster-file"
            name="file"
            type="file"
            accept=".xlsx,.xls,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv"
            className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1`}
            aria-invalid={!!refusal && phase.kind === "idle"}
            aria-describedby="roster-file-error"
            disabled={busy}
            onChange={(e) => choose(e.target.files?.[0] ?? null)}
          />
          {file && !refusal && <p className="text-sm text-slate-600">{t("selected", { name: file.name, size: formatSize(locale, file.size) })}</p>}
          <div id="roster-file-error" aria-live="polite">
            {refusal && <FormAlert tone="error">{refusalText(refusal)}</FormAlert>}
          </div>
        </div>
        <button type="submit" className={buttonClass.primary} disabled={busy || !file}>
          {t("check")}
        </button>
        <div aria-live="polite" role="status">
          {phase.kind === "uploading" && (
            <div className="space-y-1">
              <p className="text-sm text-slate-700">{t("uploading", { percent: phase.percent ?? 0 })}</p>
              <progress className="h-2 w-full" max={100} value={phase.percent ?? undefined} aria-label={t("progressLabel")} />
            </div>
          )}
          {phase.kind === "processing" && phase.total ? (
            <div className="space-y-1" data-testid="import-progress">
              <p className="text-sm text-slate-700">
                {phase.staged! < phase.total
                  ? t("staging", { staged: n(phase.staged!), total: n(phase.total) })
                  : phase.applied! < phase.total
                    ? t("applyingProgress", { applied: n(phase.applied!), total: n(phase.total) })
                    : t("applying")}
              </p>
              {/* Writing the staged rows, then applying them: two passes over the same bar. */}
              <progress className="h-2 w-full" max={phase.total * 2} value={phase.applied! < phase.total ? phase.staged! + phase.applied! : undefined} aria-label={t("progressLabel")} />
            </div>
          ) : (
            phase.kind === "processing" && (
              <p className="flex items-center gap-2 text-sm text-slate-700">
                <span aria-hidden className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-brand-700 border-t-transparent" />
                {phase.action === "commit" ? t("committing") : t("processing")}
              </p>
            )
          )}
        </div>
      </form>

      {phase.kind === "done" && (
        <section className={`${cardClass} space-y-3`} aria-labelledby="import-done">
          <FormAlert tone="success">
            <h2 id="import-done" ref={resultRef} tabIndex={-1} className="font-semibold">
              {t("doneTitle", { file: phase.fileName })}
            </h2>
            <p data-testid="import-done">
              {t("done", { new: n(phase.counts.new), updated: n(phase.counts.updated), moved: n(phase.counts.moved), unchanged: n(phase.counts.unchanged), skipped: n(phase.counts.skipped) })}
            </p>
            {phase.undone && <p data-testid="import-undone">{t("undone", { restored: n(phase.undone.restored), removed: n(phase.undone.removed) })}</p>}
          </FormAlert>
          <div className="flex flex-wrap gap-3">
            <Link href="/members" className={buttonClass.secondary}>
              {t("viewMembers")}
            </Link>
            {phase.batchId !== null && !phase.undone && (
              <button type="button" className={buttonClass.secondary} onClick={() => void undoDone()}>
                {t("undo")}
              </button>
            )}
            <button type="button" className={buttonClass.secondary} onClick={reset}>
              {t("another")}
            </button>
          </div>
        </section>
      )}

      {phase.kind === "preview" && (
        <Preview
          preview={phase.preview}
          decisions={decisions}
          onDecide={setDecisions}
          errorLimit={errorLimit}
          rowLimit={rowLimit}
          onMoreErrors={() => setErrorLimit((l) => l + ERROR_PAGE)}
          onMoreRows={() => setRowLimit((l) => l + ROW_PAGE)}
          headingRef={resultRef}
          actions={
            <div className="flex flex-wrap items-center gap-3">
              {phase.preview.counts.conflicts > 0 && (
                <button type="button" className={buttonClass.secondary} disabled={busy} onClick={() => void send("preview")}>
                  {t("decideRecheck")}
                </button>
              )}
              {phase.preview.counts.errors === 0 && phase.token && left === 0 && writes(phase.preview.counts) > 0 && (
                <button type="button" className={buttonClass.primary} disabled={busy} onClick={() => void send("commit", phase.token)}>
                  {t("confirm", { count: n(writes(phase.preview.counts)) })}
                </button>
              )}
              {left > 0 && <p className="text-sm font-medium text-amber-900">{t("conflictsLeft", { count: n(left) })}</p>}
              <button type="button" className={buttonClass.secondary} disabled={busy} onClick={reset}>
                {t("another")}
              </button>
            </div>
          }
        />
      )}
    </div>
  );
}

/** Rows a commit writes; conflicts count until they are answered. */
function writes(counts: ImportCounts): number {
  return counts.new + counts.updated + counts.moved + counts.conflicts;
}

export async function undoBatch(batchId: number): Promise<{ ok: true; value: { restored: number; removed: number } } | { ok: false; error: Refusal }> {
  try {
    const response = await fetch("/members/import/undo", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ batchId }) });
    const body = (await response.json().catch(() => null)) as { ok: true; restored: number; removed: number } | { ok: false; error: Refusal } | null;
    if (body?.ok) return { ok: true, value: { restored: body.restored, removed: body.removed } };
    return { ok: false, error: body && !body.ok ? body.error : { code: "server" } };
  } catch {
    return { ok: false, error: { code: "network" } };
  }
}

/** A stored value as the page shows it: labels for codes, dd/MM/yyyy for dates. */
function useValueText() {
  const t = useTranslations("imports");
  const catalog = useTranslations("catalog");
  const locale = useLocale();
  return (field: FieldChange["field"] | keyof PersonView, value: FieldValue): string => {
    if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) return t("empty");
    if (field === "gender") return catalog(`genders.${value}` as "genders.male");
    if (field === "position") return catalog(`positions.${value}` as "positions.member");
    if (field === "affiliations" && Array.isArray(value)) return value.map((a) => catalog(`affiliations.${a}` as "affiliations.police")).join("; ");
    if ((field === "joinedOn" || field === "leftOn") && typeof value === "string") return formatDate(locale, value);
    return String(value);
  };
}

function Changes({ changes }: { changes: FieldChange[] }) {
  const t = useTranslations("imports");
  const text = useValueText();
  return (
    <ul className="space-y-0.5">
      {changes.map((c) => (
        <li key={c.field}>
          <span className="text-slate-600">{t(`columns.${c.field}`)}:</span> <del className="text-slate-500">{text(c.field, c.from)}</del> →{" "}
          <ins className="font-medium no-underline">{text(c.field, c.to)}</ins>
        </li>
      ))}
    </ul>
  );
}

const PERSON_FIELDS = ["fullName", "gender", "birthYear", "phone", "position", "teamName"] as const;

function Conflict({ row, decision, onChange }: { row: PreviewRow; decision: Decision | undefined; onChange: (d: Decision | undefined) => void }) {
  const t = useTranslations("imports");
  const text = useValueText();
  const id = `decision-${row.row}`;
  return (
    <li className="rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="import-conflict">
      <p className="font-medium">
        {t("row")} {row.row} · {row.communeCode} {row.communeName}
      </p>
      <div className="overflow-x-auto">
        <table className="mt-2 w-full min-w-[20rem] text-sm">
          <thead>
            <tr className="border-b text-slate-600">
              <th scope="col" className="py-1 pr-3 text-left font-medium" />
              <th scope="col" className="py-1 pr-3 text-left font-medium">
                {t("existing")}
              </th>
              <th scope="col" className="py-1 pr-3 text-left font-medium">
                {t("incoming")}
              </th>
            </tr>
          </thead>
          <tbody>
            {PERSON_FIELDS.map((f) => {
              const a = row.existing?.[f] ?? null;
              const b = row.incoming?.[f] ?? null;
              return (
                <tr key={f} className={a !== b ? "font-semibold" : ""}>
                  <th scope="row" className="py-1 pr-3 text-left font-normal text-slate-600">
                    {t(`field.${f}`)}
                  </th>
                  <td className="py-1 pr-3">{text(f, a)}</td>
                  <td className="py-1 pr-3">{text(f, b)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <label htmlFor={id} className="mt-2 block text-sm font-medium">
        {t("decisionFor", { row: row.row })}
      </label>
      <select id={id} className={`${inputClass} mt-1 max-w-xs`} value={decision ?? ""} onChange={(e) => onChange((e.target.value || undefined) as Decision | undefined)}>
        <option value="">{t("decisions.none")}</option>
        {(["update", "add", "skip"] as const).map((d) => (
          <option key={d} value={d}>
            {t(`decisions.${d}`)}
          </option>
        ))}
      </select>
    </li>
  );
}

function Preview({
  preview,
  decisions,
  onDecide,
  errorLimit,
  rowLimit,
  onMoreErrors,
  onMoreRows,
  headingRef,
  actions,
}: {
  preview: ImportPreview;
  decisions: Decisions;
  onDecide: (d: Decisions) => void;
  errorLimit: number;
  rowLimit: number;
  onMoreErrors: () => void;
  onMoreRows: () => void;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  actions: React.ReactNode;
}) {
  const t = useTranslations("imports");
  const locale = useLocale();
  const n = (v: number) => formatNumber(locale, v);
  const { counts } = preview;
  const columnLabel = (i: RowIssue) => (i.column ? `${t(`columns.${i.column}`)}${i.cell ? ` (${i.cell})` : ""}` : t("wholeRow"));
  const tones: Record<keyof ImportCounts, string> = {
    rows: "border-slate-200",
    new: "border-emerald-300 bg-emerald-50",
    updated: "border-sky-300 bg-sky-50",
    moved: "border-violet-300 bg-violet-50",
    unchanged: "border-slate-200 bg-slate-50",
    conflicts: counts.conflicts > 0 ? "border-amber-300 bg-amber-50" : "border-slate-200",
    skipped: "border-slate-200 bg-slate-50",
    errors: counts.errors > 0 ? "border-red-300 bg-red-50" : "border-slate-200",
  };
  const conflicts = preview.rows.filter((r) => r.status === "conflict" || r.decision);
  const changed = preview.rows.filter((r) => r.status !== "conflict");
  const decide = (row: number, d: Decision | undefined) => {
    const rows = { ...decisions.rows };
    if (d) rows[row] = d;
    else delete rows[row];
    onDecide({ ...decisions, rows });
  };
  return (
    <section className={`${cardClass} space-y-4`} aria-labelledby="import-preview">
      <h2 id="import-preview" ref={headingRef} tabIndex={-1} className="text-lg font-semibold">
        {t("previewTitle", { file: preview.fileName })}
      </h2>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="import-counts">
        {(Object.keys(tones) as (keyof ImportCounts)[]).map((k) => (
          <div key={k} className={`rounded-md border p-3 ${tones[k]}`} data-testid={`count-${k}`}>
            <dt className="text-sm text-slate-700">{t(`counts.${k}`)}</dt>
            <dd className="text-2xl font-bold tabular-nums">{n(counts[k])}</dd>
          </div>
        ))}
      </dl>

      {preview.notices.length > 0 && (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="import-notices">
          <p className="font-semibold">{t("noticesTitle")}</p>
          {preview.notices.map((notice, i) => (
            <p key={`${notice.code}-${i}`}>{t(`notices.${notice.code}`, notice.values ?? {})}</p>
          ))}
        </div>
      )}

      {preview.issues.length > 0 && (
        <div className="space-y-2">
          <h3 className="font-semibold text-red-800">{t("errorsTitle", { count: n(preview.issueCount) })}</h3>
          <p className="text-sm text-slate-700">{t("errorsHint")}</p>
          {preview.issueCount > preview.issues.length && <p className="text-sm text-slate-600">{t("issuesCapped", { listed: n(preview.issues.length), total: n(preview.issueCount) })}</p>}
          <ListTable
            testId="import-errors"
            headers={[t("row"), t("column"), t("problem")]}
            cellClasses={["tabular-nums", "sm:whitespace-nowrap"]}
            rows={preview.issues.slice(0, errorLimit).map((issue, i) => ({
              key: `${issue.row}-${issue.column}-${i}`,
              cells: [issue.row, columnLabel(issue), t(`errors.${issue.code}`, issue.values ?? {})],
            }))}
          />
          {preview.issues.length > errorLimit && (
            <button type="button" className={buttonClass.link} onClick={onMoreErrors}>
              {t("moreErrors", { count: n(Math.min(ERROR_PAGE, preview.issues.length - errorLimit)) })}
            </button>
          )}
        </div>
      )}

      {conflicts.length > 0 && (
        <div className="space-y-2" aria-labelledby="import-conflicts">
          <h3 id="import-conflicts" className="font-semibold text-amber-900">
            {t("conflictsTitle", { count: n(conflicts.length) })}
          </h3>
          <p className="text-sm text-slate-700">{t("conflictsHint")}</p>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span>{t("decideAll")}</span>
            {(["update", "add", "skip"] as const).map((d) => (
              <button key={d} type="button" className={buttonClass.secondary} aria-pressed={decisions.all === d} onClick={() => onDecide({ all: d, rows: {} })}>
                {t(`decisions.${d}`)}
              </button>
            ))}
          </div>
          <ul className="space-y-2">
            {conflicts.slice(0, rowLimit).map((r) => (
              <Conflict key={r.row} row={r} decision={decisions.rows?.[r.row] ?? decisions.all} onChange={(d) => decide(r.row, d)} />
            ))}
          </ul>
        </div>
      )}

      {preview.notes.length > 0 && (
        <details className="space-y-2" open={preview.notes.length <= 20}>
          <summary className="cursor-pointer font-semibold">{t("notesTitle", { count: n(preview.notes.length) })}</summary>
          <ListTable
            testId="import-notes"
            headers={[t("row"), t("note")]}
            cellClasses={["tabular-nums"]}
            rows={preview.notes.slice(0, rowLimit).map((note) => ({
              key: String(note.row),
              cells: [note.row, t("mapped", { old: note.oldCode, code: note.communeCode, name: note.communeName })],
            }))}
          />
        </details>
      )}

      {counts.errors === 0 && writes(counts) === 0 && <FormAlert tone="success">{t("nothingToDo")}</FormAlert>}
      {counts.errors === 0 && writes(counts) > 0 && <p className="text-sm text-slate-700">{t("confirmHint")}</p>}
      {actions}

      {changed.length > 0 && (
        <div className="space-y-2">
          <h3 className="font-semibold">{t("rowsTitle")}</h3>
          <p className="text-sm text-slate-600">{t("rowsShown", { shown: n(Math.min(rowLimit, changed.length)), total: n(changed.length) })}</p>
          {preview.rowCount > preview.rows.length && <p className="text-sm text-slate-600">{t("rowsCapped", { listed: n(preview.rows.length) })}</p>}
          <ListTable
            testId="import-rows"
            className="min-w-[44rem]"
            headers={[t("row"), t("status"), t("fullName"), t("team"), t("commune"), t("changes")]}
            cellClasses={["tabular-nums"]}
            rows={changed.slice(0, rowLimit).map((r) => ({
              key: String(r.row),
              cells: [
                r.row,
                <span key="status" className={`rounded px-1.5 ${STATUS_TONES[r.status]}`}>
                  {t(`statuses.${r.status}`)}
                </span>,
                r.fullName,
                r.teamName,
                `${r.communeCode} ${r.communeName}`,
                r.changes.length ? <Changes key="changes" changes={r.changes} /> : null,
              ],
            }))}
          />
          {changed.length > rowLimit && (
            <button type="button" className={buttonClass.link} onClick={onMoreRows}>
              {t("moreRows", { count: n(Math.min(ROW_PAGE, changed.length - rowLimit)) })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

/** One row of a `ListTable`: its cells in the order of the headers, and a class for each cell. */
export type ListRow = { key: string; cells: React.ReactNode[] };

/**
 * A table on wider screens and, below the small breakpoint, one card per row with every field
 * under its header: on a phone no field hides behind sideways scrolling.
 */
export function ListTable({
  testId,
  headers,
  rows,
  cellClasses = [],
  className = "",
}: {
  testId: string;
  headers: string[];
  rows: ListRow[];
  /** Extra classes for each column's cells (tabular digits, no wrapping). */
  cellClasses?: string[];
  className?: string;
}) {
  return (
    <>
      <ul className="space-y-2 sm:hidden" data-testid={`${testId}-cards`}>
        {rows.map((row) => (
          <li key={row.key} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              {row.cells.map((cell, i) =>
                // A card leaves out a field with nothing in it; the table keeps its empty cell.
                cell === null || cell === "" ? null : (
                  <div key={headers[i] ?? i} className="contents">
                    <dt className="text-slate-600">{headers[i]}</dt>
                    <dd className={`min-w-0 break-words ${cellClasses[i] ?? ""}`}>{cell}</dd>
                  </div>
                ),
              )}
            </dl>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto sm:block">
        <table className={`w-full text-sm ${className}`} data-testid={testId}>
          <thead>
            <tr className="border-b text-slate-600">
              {headers.map((h) => (
                <th key={h} scope="col" className="py-2 pr-3 text-left font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="border-b last:border-0">
                {row.cells.map((cell, i) => (
                  <td key={headers[i] ?? i} className={`${td} ${cellClasses[i] ?? ""}`}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
