import Link from "@/components/ui/link";
import { getTranslations } from "@/i18n/server";

/**
 * Previous/next links for a list read by cursor: each link carries the position it continues
 * from and the page number it shows, and keeps every other query parameter (filters, sort).
 */
export async function KeysetPagination({
  path,
  query,
  page,
  pageSize,
  total,
  capped,
  previous,
  next,
}: {
  path: string;
  query: Record<string, string | undefined>;
  page: number;
  pageSize: number;
  total: number;
  capped: boolean;
  previous: string | null;
  next: string | null;
}) {
  const t = await getTranslations("table");
  // The page number is the reader's bookmark, not the position: it cannot say "first page" while there is a page before.
  const shown = previous ? Math.max(2, page) : 1;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const { page: _page, after: _after, before: _before, ...rest } = query;
  const href = (to: number, cursor: Record<string, string>) => {
    const params = new URLSearchParams(Object.entries({ ...rest, ...(to > 1 ? { page: String(to), ...cursor } : {}) }).filter((e): e is [string, string] => !!e[1]));
    return params.size ? `${path}?${params}` : path;
  };
  const label = capped || shown > pages ? t("pageOpen", { page: shown }) : t("page", { page: shown, pages });
  return (
    <nav aria-label={label} className="mt-3 flex items-center justify-between gap-2 text-sm">
      <span>{label}</span>
      <span className="flex gap-2">
        {previous ? (
          <Link href={href(shown - 1, { before: previous })} rel="prev" className="rounded border px-3 py-1 hover:bg-slate-50">
            {t("previous")}
          </Link>
        ) : null}
        {next ? (
          <Link href={href(shown + 1, { after: next })} rel="next" className="rounded border px-3 py-1 hover:bg-slate-50">
            {t("next")}
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
