import "server-only";
import type { Actor } from "@/lib/dal/actor";
import { DownloadLimitError, finishDownload, startDownload, type PersonalDataDownload } from "@/lib/dal/downloads";
import type { Rows } from "./tabular";

/**
 * The door of every personal-data download: checks the caller's download limit (429 with
 * Retry-After when reached), records who downloads what with which filters in the audit trail,
 * and counts the rows as they are sent, adding the count to that event when the file ends.
 */
export async function personalDataRows<T>(
  actor: Actor,
  kind: PersonalDataDownload,
  details: { filters: Record<string, unknown>; format: string },
  rows: Rows<T>,
): Promise<{ rows: AsyncGenerator<T> } | { response: Response }> {
  let eventId: number;
  try {
    eventId = await startDownload(actor, kind, { filters: withoutEmpty(details.filters), format: details.format });
  } catch (error) {
    if (!(error instanceof DownloadLimitError)) throw error;
    const seconds = Math.max(1, Math.ceil((error.retryAt.getTime() - Date.now()) / 1000));
    return { response: Response.json({ error: "download_limit" }, { status: 429, headers: { "Retry-After": String(seconds), "Cache-Control": "no-store" } }) };
  }
  async function* counted(): AsyncGenerator<T> {
    let sent = 0;
    let complete = false;
    try {
      for await (const row of rows as AsyncIterable<T>) {
        sent++;
        yield row;
      }
      complete = true;
    } finally {
      await finishDownload(actor, eventId, { rows: sent, complete });
    }
  }
  return { rows: counted() };
}

function withoutEmpty(filters: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== null && v !== ""));
}
