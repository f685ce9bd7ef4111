/** A ranking's sort: a column id and its direction, as in the URL's `sort` and `dir`. */
export type RankingSort = { id: string; desc: boolean };

/**
 * The sort a column's header asks for: the other direction when the column is the current sort;
 * otherwise counts and shares largest first, rank and name from the top.
 */
export function nextSort(column: string, current: RankingSort): RankingSort {
  if (current.id === column) return { id: column, desc: !current.desc };
  return { id: column, desc: column !== "rank" && column !== "name" };
}

/** The link of a column's header: the page's query with the next sort, back on the first page. */
export function sortHref(query: Record<string, string | undefined>, column: string, current: RankingSort): string {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === "string"));
  const next = nextSort(column, current);
  params.set("sort", next.id);
  params.set("dir", next.desc ? "desc" : "asc");
  for (const paging of ["page", "after", "before"]) params.delete(paging);
  return `?${params}`;
}
