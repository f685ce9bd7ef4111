import { getLocale, getTranslations } from "@/i18n/server";
import { setLocaleAction } from "@/app/actions/session";
import { LOCALES } from "@/i18n/config";

const LABELS: Record<string, string> = { vi: "Tiếng Việt", en: "English" };

/** Plain forms, so switching language works without JavaScript. */
export async function LocaleSwitcher({ back }: { back: string }) {
  const locale = await getLocale();
  const t = await getTranslations("nav");
  return (
    <div role="group" aria-label={t("language")} className="flex gap-1 text-sm">
      {LOCALES.map((l) => (
        <form key={l} action={setLocaleAction}>
          <input type="hidden" name="locale" value={l} />
          <input type="hidden" name="back" value={back} />
          <button
            type="submit"
            lang={l}
            aria-pressed={l === locale}
            className={`rounded px-2 py-1 ${l === locale ? "bg-white/20 font-semibold" : "hover:bg-white/10"}`}
          >
            {LABELS[l]}
          </button>
        </form>
      ))}
    </div>
  );
}
