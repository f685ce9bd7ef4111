import { getTranslations } from "@/i18n/server";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";

/** For provincial admins: the commune a new record goes to, chosen before the form that depends on it. */
export async function CommunePicker({ path, communes, keep = {} }: { path: string; communes: { value: string; label: string }[]; keep?: Record<string, string> }) {
  const t = await getTranslations("rosters.common");
  return (
    <form method="get" action={path} className={`${cardClass} max-w-xl space-y-3`}>
      <label htmlFor="pick-commune" className="block text-sm font-medium text-slate-800">
        {t("pickCommune")}
      </label>
      <select id="pick-commune" name="commune" required className={inputClass} defaultValue="">
        <option value="">{t("choose")}</option>
        {communes.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {Object.entries(keep).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className={buttonClass.primary}>
        {t("continue")}
      </button>
    </form>
  );
}
