import { getLocale, getTranslations } from "@/i18n/server";
import type { Period } from "@/lib/domain/period";
import { formatDate } from "@/lib/format";

/**
 * Says that a page did not use some of the parameters in its address (a date that does not exist,
 * an id out of range, a period outside 2020 … next year) and shows something else instead: the
 * filters it ignored, or the period it shows in place of the one asked for.
 */
export async function QueryNotice({ invalid, period }: { invalid: string[]; period?: Period }) {
  if (invalid.length === 0) return null;
  const t = await getTranslations("notices");
  const locale = await getLocale();
  const periodReplaced = !!period && invalid.some((k) => k === "from" || k === "to");
  const others = periodReplaced ? invalid.filter((k) => k !== "from" && k !== "to") : invalid;
  const label = (key: string) => (t.has(`params.${key}`) ? t(`params.${key}` as "params.q") : key);
  return (
    <div role="status" data-testid="query-notice" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {periodReplaced && <p>{t("periodReplaced", { from: formatDate(locale, period.from), to: formatDate(locale, period.to) })}</p>}
      {others.length > 0 && <p>{t("ignored", { params: [...new Set(others)].map(label).join(", ") })}</p>}
    </div>
  );
}
