import "server-only";
import { getLocale, getTranslations } from "@/i18n/server";
import type { z } from "zod";
import type { Actor } from "@/lib/dal/actor";
import { getActor } from "@/lib/dal/session";
import { formatDate } from "@/lib/format";
import { personalDataRows } from "@/lib/export/download";
import { exportResponse, parseExportFormat, type ExportColumn, type Rows } from "@/lib/export/tabular";
import { badQuery, parseQuery } from "@/lib/validation/primitives";
import { todayInVietnam } from "@/lib/validation/rosters";

type Translator = Awaited<ReturnType<typeof getTranslations>>;
/** A stored yyyy-MM-dd date as the locale writes it (dd/MM/yyyy in Vietnamese). */
type DateText = (value: string | null) => string | null;

/**
 * The shared door of the roster downloads: the signed-in caller (401 otherwise), the format (400
 * when unknown), the list's own filter schema, then a streamed file of the caller's rows.
 */
export async function rosterExport<S extends z.ZodType, T>(
  request: Request,
  options: {
    schema: S;
    name: "hamlets" | "teams" | "members";
    columns: (t: Translator, date: DateText) => ExportColumn<T>[];
    rows: (actor: Actor, params: z.infer<S>) => Rows<T>;
  },
): Promise<Response> {
  const actor = await getActor();
  if (!actor) return new Response("Unauthorized", { status: 401 });
  const url = new URL(request.url);
  const format = parseExportFormat(url.searchParams.get("format"));
  if (!format) return new Response("Unsupported format", { status: 400 });
  const parsed = parseQuery(options.schema, url.searchParams);
  if (!parsed.ok) return badQuery(parsed.fields);
  const params = parsed.data;
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const date: DateText = (value) => (value ? formatDate(locale, value) : null);
  let rows = options.rows(actor, params);
  // Member rosters carry names, birth years and phone numbers: recorded and limited per user.
  if (options.name === "members") {
    const { page: _page, pageSize: _size, sort: _sort, dir: _dir, ...filters } = params as Record<string, unknown>;
    const audited = await personalDataRows(actor, "members", { filters, format }, rows);
    if ("response" in audited) return audited.response;
    rows = audited.rows;
  }
  return exportResponse({
    format,
    basename: `${t(`rosters.export.${options.name}`)}_${todayInVietnam()}`,
    sheetName: t(`rosters.${options.name}.title`),
    columns: options.columns(t, date),
    rows,
  });
}
