"use client";

import { unpackRows } from "./packed-rows";
import { writtenMarkup } from "./static-markup";

/** A hamlet: its kind and name, households (formatted), its team's name or "" for none. */
export type HamletRow = [label: string, households: string, team: string];
/** A team: its name, where it works, members and trained share (formatted). */
export type TeamRow = [name: string, place: string, members: string, trained: string];
/** A month's report: its page, status (`data-status`), month, status as said, day submitted or "". */
export type ReportTile = [href: string, status: string, month: string, label: string, submitted: string];

/** A table's column names, said beside each figure when its rows are cards on a phone. */
type Labels = [string, string, string];
/** Each kind's rows come packed (`packRows`). */
type Lists = { kind: "hamlets"; rows: string; labels: Labels; noTeam: string } | { kind: "teams"; rows: string; labels: Labels } | { kind: "reports"; rows: string };

const TD = "px-3 py-2";
const FIGURE = `${TD} text-right tabular-nums`;

/** The colours of a report's tile: done, missing or sent back, still open, or late. */
function tone(status: string): string {
  if (status === "approved" || status === "submitted") return "bg-green-50 border-green-300";
  if (status === "missing" || status === "returned") return "bg-red-50 border-red-300";
  return status === "open" ? "bg-slate-50 border-slate-300" : "bg-amber-50 border-amber-300";
}

function rows(lists: Lists): React.ReactNode {
  switch (lists.kind) {
    case "hamlets":
      return (unpackRows(lists.rows) as HamletRow[]).map(([label, households, team], k) => (
        <tr key={k} className="border-t border-slate-100">
          <td className={TD} data-label={lists.labels[0]}>
            {label}
          </td>
          <td className={FIGURE} data-label={lists.labels[1]}>
            {households}
          </td>
          <td className={TD} data-label={lists.labels[2]}>
            {team || <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">{lists.noTeam}</span>}
          </td>
        </tr>
      ));
    case "teams":
      return (unpackRows(lists.rows) as TeamRow[]).map(([name, place, members, trained], k) => (
        <tr key={k} className="border-t border-slate-100">
          <td className={TD} data-label={lists.labels[0]}>
            <span>
              {name}
              <span className="block text-xs text-slate-600">{place}</span>
            </span>
          </td>
          <td className={FIGURE} data-label={lists.labels[1]}>
            {members}
          </td>
          <td className={FIGURE} data-label={lists.labels[2]}>
            {trained}
          </td>
        </tr>
      ));
    case "reports":
      return (unpackRows(lists.rows) as ReportTile[]).map(([href, status, month, label, submitted]) => (
        <li key={href}>
          <a href={href} className={`block h-full rounded border px-2 py-1.5 hover:border-brand-600 ${tone(status)}`} data-status={status}>
            <span className="block font-semibold tabular-nums text-brand-800">{month}</span>
            <span>{label}</span>
            {submitted && <span className="block text-xs text-slate-600">{submitted}</span>}
          </a>
        </li>
      ));
  }
}

/**
 * The rows of a commune's hamlets or teams table (a `<tbody>`; cards on a phone, each figure named
 * from `labels`, as `.stack-table` lays them out), or its reports' tiles (a `<ul>`),
 * formatted on the server and written into the HTML as one cached string (see `writtenMarkup`).
 * A client component only so that the rows travel in the page's payload as plain strings rather
 * than as a tree of elements; the tiles' links open in place through the dashboard's `LinkArea`.
 */
export function CommuneRows({ className, testId, ...lists }: Lists & { className?: string; testId?: string }) {
  const html = writtenMarkup(JSON.stringify(["commune", lists]), () => rows(lists));
  return lists.kind === "reports" ? <ul className={className} data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} /> : <tbody className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
