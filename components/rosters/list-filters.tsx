import Link from "@/components/ui/link";
import { getTranslations } from "@/i18n/server";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { Download } from "@/components/downloads/download";

export type FilterSelect = { name: string; label: string; value?: string | number; options: { value: string; label: string }[]; allLabel: string };

/**
 * The filter bar of a roster list: a plain GET form, so that every filter lives in the URL and
 * works without JavaScript. Submitting returns to page 1 and keeps the sort.
 */
export async function ListFilters({
  path,
  q,
  searchHint,
  selects,
  keep,
}: {
  path: string;
  q: string;
  searchHint: string;
  selects: FilterSelect[];
  keep: Record<string, string | number | undefined>;
}) {
  const t = await getTranslations("rosters.common");
  const active = selects.filter((s) => s.value !== undefined && s.value !== "").length;
  return (
    <form method="get" action={path} className={`${cardClass} space-y-3`} role="search">
      <div className="flex flex-wrap items-end gap-2">
        <label className="min-w-0 flex-1 basis-64 text-sm">
          <span className="block text-slate-700">{t("search")}</span>
          <input type="search" name="q" defaultValue={q} className={inputClass} aria-describedby="list-search-hint" />
        </label>
        <button type="submit" className={buttonClass.primary}>
          {t("filter")}
        </button>
        {active > 0 || q ? (
          <Link href={path} className={buttonClass.secondary}>
            {t("clear")}
          </Link>
        ) : null}
      </div>
      <p id="list-search-hint" className="text-xs text-slate-600">
        {searchHint}
      </p>
      <details open={active > 0} className="group">
        <summary className="cursor-pointer text-sm font-medium text-brand-700">
          {t("moreFilters")}
          {active > 0 ? ` (${active})` : ""}
        </summary>
        <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {selects.map((s) => (
            <label key={s.name} className="text-sm">
              <span className="block text-slate-700">{s.label}</span>
              <select name={s.name} defaultValue={s.value === undefined ? "" : String(s.value)} className={inputClass}>
                <option value="">{s.allLabel}</option>
                {s.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      </details>
      {Object.entries(keep).map(([k, v]) => (v === undefined || v === "" ? null : <input key={k} type="hidden" name={k} value={String(v)} />))}
    </form>
  );
}

/** Download links for the list as it is filtered now (every page, not only the visible one). */
export async function ExportLinks({ endpoint, query }: { endpoint: string; query: Record<string, string | undefined> }) {
  const t = await getTranslations("rosters.common");
  const href = (format: string) => {
    const params = new URLSearchParams(Object.entries({ ...query, page: undefined, format }).filter((e): e is [string, string] => !!e[1]));
    return `${endpoint}?${params}`;
  };
  return (
    <>
      <Download href={href("xlsx")} className={buttonClass.secondary}>
        {t("exportXlsx")}
      </Download>
      <Download href={href("csv")} className={buttonClass.secondary}>
        {t("exportCsv")}
      </Download>
    </>
  );
}
