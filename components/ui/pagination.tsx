import Link from "@/components/ui/link";
import { getTranslations } from "@/i18n/server";

/** Previous/next links that keep every other query parameter of the page. */
export async function Pagination({ path, query, page, pageSize, total }: { path: string; query: Record<string, string | undefined>; page: number; pageSize: number; total: number }) {
  const t = await getTranslations("table");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const params = new URLSearchParams(Object.entries({ ...query, page: String(p) }).filter((e): e is [string, string] => !!e[1]));
    return `${path}?${params}`;
  };
  return (
    <nav aria-label={t("page", { page, pages })} className="mt-3 flex items-center justify-between gap-2 text-sm">
      <span>{t("page", { page, pages })}</span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} className="rounded border px-3 py-1 hover:bg-slate-50">
            {t("previous")}
          </Link>
        ) : null}
        {page < pages ? (
          <Link href={href(page + 1)} className="rounded border px-3 py-1 hover:bg-slate-50">
            {t("next")}
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
