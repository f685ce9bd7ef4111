"use client";

import { scrollRegion } from "@/components/ui/scroll-region";
import { useMemo } from "react";
import { unpackRows } from "./packed-rows";
import { writtenMarkup } from "./static-markup";
import styles from "./dashboard.module.css";

/** A column of the ranking: its header, the link that sorts by it and whether it is the current sort. */
export type RankingColumn = { id: string; label: string; href: string; sort: "ascending" | "descending" | "none" };

/**
 * A ranking row as the table shows it, formatted on the server in the reader's language: the
 * unit's code and name (its link), "1" for a commune without an active team, then the cells in the
 * order of the columns, the name's column left out. The table takes its rows packed (`packRows`).
 */
export type RankingTableRow = [code: string, name: string, noTeam: "1" | "", ...cells: string[]];

/**
 * Child units ranked by the map's indicator, sortable by any column: each header is a link that
 * writes `sort`/`dir` to the URL and the server sorts. One table serves every screen: below the
 * small breakpoint each row becomes a card whose cells are named from the table's `--col-N`
 * strings (given once, not on each of up to 126 × 9 cells), so no figure hides behind sideways
 * scrolling. A client component only so that the rows travel in the page's payload as plain
 * strings rather than as a tree of elements, and are written into the HTML as one string.
 */
export function RankingTable({
  columns,
  rows,
  caption,
  empty,
  noTeam,
  query,
}: {
  columns: RankingColumn[];
  /** `RankingTableRow`s, packed (`packRows`). */
  rows: string;
  caption: string;
  empty: string;
  /** The flag of a commune with no active team; the national ranking has none. */
  noTeam?: string;
  /** Period parameters appended to each unit link. */
  query: string;
}) {
  const labels = Object.fromEntries(columns.map((c, k) => [`--col-${k + 1}`, JSON.stringify(c.label)])) as React.CSSProperties;
  const name = columns.findIndex((c) => c.id === "name");
  const body = useMemo(() => rankingBodyMarkup(rows, name, columns.length, empty, noTeam, query), [rows, name, columns.length, empty, noTeam, query]);
  return (
    <div className="overflow-x-auto sm:rounded-lg sm:border sm:border-slate-200 sm:bg-white" {...scrollRegion(caption)}>
      <table className={`data-table stack-table ${styles.ranking} w-full text-left text-sm sm:min-w-[36rem]`} style={labels} data-testid="ranking">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {columns.map((c) => (
              <th key={c.id} scope="col" aria-sort={c.sort}>
                <a href={c.href} data-keep-scroll>
                  {c.label}
                  <span aria-hidden>{c.sort === "ascending" ? "▲" : c.sort === "descending" ? "▼" : "↕"}</span>
                </a>
              </th>
            ))}
          </tr>
        </thead>
        <tbody dangerouslySetInnerHTML={{ __html: body }} />
      </table>
    </div>
  );
}

/** The table's rows as one string of markup (see `writtenMarkup`): up to 126 rows of 9 cells. */
export function rankingBodyMarkup(packed: string, name: number, span: number, empty: string, noTeam: string | undefined, query: string): string {
  return writtenMarkup(JSON.stringify(["ranking", packed, name, span, empty, noTeam ?? null, query]), () => {
    const rows = unpackRows(packed) as RankingTableRow[];
    return rows.length === 0 ? (
      <tr>
        <td colSpan={span}>{empty}</td>
      </tr>
    ) : (
      rows.map(([code, unitName, withoutTeam, ...values]) => {
        const link = <a href={`/units/${code}${query}`}>{unitName}</a>;
        const cells = values.map((v, k) => <td key={k}>{v}</td>);
        cells.splice(
          name,
          0,
          <td key="name">
            {noTeam && withoutTeam ? (
              <span className={styles.flagged}>
                {link}
                <span className={styles.flag}>{noTeam}</span>
              </span>
            ) : (
              link
            )}
          </td>,
        );
        return <tr key={code}>{cells}</tr>;
      })
    );
  });
}
