/**
 * Rows of display strings packed into one string for a client component's props: a tab between
 * fields, a newline between rows. The page data then carries one value instead of one per cell,
 * and React reads it back on the server and in the browser without reviving a thousand values (a
 * province's ranking is 126 rows of 9 cells). Tabs and newlines inside a field become spaces, as
 * HTML shows them anyway. Every row has the same number of fields, at least two.
 */
export function packRows(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map((field) => field.replace(/[\t\n\r]/g, " ")).join("\t")).join("\n");
}

/** The rows `packRows` packed. */
export function unpackRows(packed: string): string[][] {
  return packed === "" ? [] : packed.split("\n").map((row) => row.split("\t"));
}
