"use client";

import { FlexRender, rowSortingFeature, tableFeatures, useTable } from "@tanstack/react-table";
import type { ColumnDef, RowData, SortingState, Updater } from "@tanstack/react-table";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { scrollRegion } from "@/components/ui/scroll-region";

/**
 * How a column lays out its cells: `right` for figures (right-aligned, tabular digits); `card:
 * false` leaves it out of the phone's cards, which show only the fields people look for there.
 */
export type ServerColumnMeta = { align?: "right"; card?: false };

/** The features every server-driven table registers: sorting state only; rows arrive sorted and paged. */
export const serverTableFeatures = tableFeatures({ rowSortingFeature, columnMeta: {} as ServerColumnMeta });
export type ServerColumn<T extends RowData> = ColumnDef<typeof serverTableFeatures, T>;

type Props<T extends RowData> = {
  columns: ServerColumn<T>[];
  data: T[];
  /** Current sort from the URL (`sort`, `dir` query parameters). */
  sort?: { id: string; desc: boolean };
  caption: string;
  empty: string;
  rowKey: (row: T) => string;
};

/**
 * A table whose sorting, paging and filters live in the URL and are applied by the server.
 * Clicking a sortable header rewrites `sort`/`dir` and returns to page 1, keeping every other
 * query parameter (filters, search) as it is.
 */
export function DataTable<T extends RowData>({ columns, data, sort, caption, empty, rowKey }: Props<T>) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [pending, startTransition] = useTransition();
  const sorting: SortingState = sort ? [sort] : [];

  const onSortingChange = (updater: Updater<SortingState>) => {
    const next = typeof updater === "function" ? updater(sorting) : updater;
    const params = new URLSearchParams(search.toString());
    const first = next[0];
    if (first) {
      params.set("sort", first.id);
      params.set("dir", first.desc ? "desc" : "asc");
    } else {
      params.delete("sort");
      params.delete("dir");
    }
    params.delete("page");
    params.delete("after");
    params.delete("before");
    startTransition(() => router.push(`${pathname}?${params}`, { scroll: false }));
  };

  const table = useTable({
    features: serverTableFeatures,
    columns,
    data,
    state: { sorting },
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    onSortingChange,
    getRowId: (row) => rowKey(row),
  });

  const rows = table.getRowModel().rows;
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  return (
    <div aria-busy={pending}>
      {/* Below the small breakpoint every row is a card: no key field is hidden behind sideways scrolling. */}
      <ul aria-label={caption} className={`space-y-2 sm:hidden ${pending ? "opacity-60" : ""}`} data-testid="table-cards">
        {rows.length === 0 ? (
          <li className="rounded-lg border border-slate-200 bg-white px-3 py-6 text-center text-slate-600">{empty}</li>
        ) : (
          rows.map((row) => {
            const [first, ...rest] = row.getAllCells();
            return (
              <li key={row.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm">
                <div className="font-medium">
                  <FlexRender cell={first} />
                </div>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
                  {rest
                    .filter((cell) => cell.column.columnDef.meta?.card !== false)
                    .map((cell) => {
                      const header = headers.find((h) => h.column.id === cell.column.id);
                      return (
                        <div key={cell.id} className="contents">
                          <dt className="text-slate-600">{header && <FlexRender header={header} />}</dt>
                          <dd className={cell.column.columnDef.meta?.align === "right" ? "tabular-nums" : undefined}>
                            <FlexRender cell={cell} />
                          </dd>
                        </div>
                      );
                    })}
                </dl>
              </li>
            );
          })
        )}
      </ul>
      <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white sm:block" {...scrollRegion(caption)}>
        <table className={`data-table w-full min-w-[36rem] text-left text-sm ${pending ? "opacity-60" : ""}`}>
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-slate-700">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const state = header.column.getIsSorted();
                  const canSort = header.column.getCanSort();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={header.column.columnDef.meta?.align === "right" ? "num" : undefined}
                      aria-sort={state === "asc" ? "ascending" : state === "desc" ? "descending" : canSort ? "none" : undefined}
                    >
                      {canSort ? (
                        <button type="button" onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 hover:underline">
                          <FlexRender header={header} />
                          <span aria-hidden>{state === "asc" ? "▲" : state === "desc" ? "▼" : "↕"}</span>
                        </button>
                      ) : (
                        <FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="px-3 py-6 text-center text-slate-600">
                  {empty}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.id}>
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className={cell.column.columnDef.meta?.align === "right" ? "num" : undefined}>
                      <FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
