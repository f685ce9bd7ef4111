/** What an import accepts, checked in the browser before the upload and again on the server. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_FILE_LABEL = "5 MB";
export const MAX_DATA_ROWS = 20_000;
export const ACCEPTED_EXTENSIONS = [".xlsx", ".xls", ".csv"] as const;

export type Values = Record<string, string | number>;

export function fileExtension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot).toLowerCase();
}

/** Refusals that need only the file's name and size. */
export function checkFileEnvelope(name: string, size: number): { code: string; values?: Values } | null {
  if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(fileExtension(name))) return { code: "file_type", values: { name } };
  if (size > MAX_FILE_BYTES) return { code: "file_too_large", values: { max: MAX_FILE_LABEL } };
  if (size === 0) return { code: "empty_file" };
  return null;
}
