"use client";

import { useMemo } from "react";
import { unpackRows } from "./packed-rows";
import { writtenMarkup } from "./static-markup";
import styles from "./dashboard.module.css";

/** One commune's bar, formatted on the server: code, rank, name, value, bar width (CSS), colour. The list takes them packed (`packRows`). */
export type CommuneBar = [code: string, rank: string, name: string, value: string, width: string, color: string];

/**
 * The ranked bars' list. A client component only so that the rows travel in the page's payload
 * as plain strings rather than as a tree of elements, and are written into the HTML as one string;
 * the stylesheet lays each row out and draws its bar from `--bar`/`--fill`.
 */
export function CommuneBarList({ bars, label, query }: { bars: string; label: string; query: string }) {
  const items = useMemo(() => barsMarkup(bars, query), [bars, query]);
  return (
    <ol
      className={`${styles.bars} max-h-[30rem] overflow-y-auto pr-1`}
      tabIndex={0}
      aria-label={label}
      data-testid="commune-bars"
      dangerouslySetInnerHTML={{ __html: items }}
    />
  );
}

/** The bars as one string of markup (see `writtenMarkup`): up to 126 of them. */
export function barsMarkup(packed: string, query: string): string {
  return writtenMarkup(JSON.stringify(["bars", packed, query]), () =>
    (unpackRows(packed) as CommuneBar[]).map(([code, rank, name, value, width, color]) => (
      <li key={code}>
        <a href={`/units/${code}${query}`} style={{ "--bar": width, "--fill": color } as React.CSSProperties}>
          <span>{rank}</span>
          <span>{name}</span>
          <span>{value}</span>
        </a>
      </li>
    )),
  );
}
