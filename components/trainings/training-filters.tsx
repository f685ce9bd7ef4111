import Link from "@/components/ui/link";
import { getTranslations } from "@/i18n/server";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { TRAINING_FORMATS, TRAINING_LEVELS, TRAINING_TOPICS, type Role } from "@/lib/domain/catalog";
import type { TrainingFilter } from "@/lib/validation/trainings";

type Option = { code: string; name: string };

/** The list's filters as a plain GET form: every filter lands in the URL and the server applies it. */
export async function TrainingFilters({ values, role, provinces, communes }: { values: TrainingFilter & { sort?: string; dir?: string }; role: Role; provinces: Option[]; communes: Option[] }) {
  const t = await getTranslations();
  const label = "block text-sm text-slate-700";
  return (
    <form method="get" action="/trainings" className={`${cardClass} grid grid-cols-2 gap-3 lg:grid-cols-4`}>
      <label className="col-span-2">
        <span className={label}>{t("trainings.filters.search")}</span>
        <input type="search" name="q" defaultValue={values.q} className={inputClass} />
      </label>
      <label className="min-w-0">
        <span className={label}>{t("trainings.fields.level")}</span>
        <select name="level" defaultValue={values.level ?? ""} className={inputClass}>
          <option value="">{t("trainings.filters.allLevels")}</option>
          {TRAINING_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`catalog.trainingLevels.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="min-w-0">
        <span className={label}>{t("trainings.fields.format")}</span>
        <select name="format" defaultValue={values.format ?? ""} className={inputClass}>
          <option value="">{t("trainings.filters.allFormats")}</option>
          {TRAINING_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`catalog.trainingFormats.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="col-span-2">
        <span className={label}>{t("trainings.fields.topics")}</span>
        <select name="topic" defaultValue={values.topic ?? ""} className={inputClass}>
          <option value="">{t("trainings.filters.allTopics")}</option>
          {TRAINING_TOPICS.map((topic) => (
            <option key={topic} value={topic}>
              {t(`catalog.trainingTopics.${topic}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="min-w-0">
        <span className={label}>{t("trainings.filters.from")}</span>
        <input type="date" name="from" defaultValue={values.from} className={inputClass} />
      </label>
      <label className="min-w-0">
        <span className={label}>{t("trainings.filters.to")}</span>
        <input type="date" name="to" defaultValue={values.to} className={inputClass} />
      </label>
      {role === "national" && (
        <label className="min-w-0">
          <span className={label}>{t("trainings.fields.province")}</span>
          <select name="province" defaultValue={values.province ?? ""} className={inputClass}>
            <option value="">{t("trainings.filters.allProvinces")}</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {communes.length > 0 && (
        <label className="min-w-0">
          <span className={label}>{t("trainings.fields.commune")}</span>
          <select name="commune" defaultValue={values.commune ?? ""} className={inputClass}>
            <option value="">{t("trainings.filters.allCommunes")}</option>
            {communes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {values.sort && <input type="hidden" name="sort" value={values.sort} />}
      {values.dir && <input type="hidden" name="dir" value={values.dir} />}
      <div className="col-span-2 flex items-end gap-2 lg:col-span-4">
        <button type="submit" className={buttonClass.primary}>
          {t("trainings.filters.apply")}
        </button>
        <Link href="/trainings" className={buttonClass.secondary}>
          {t("trainings.filters.clear")}
        </Link>
      </div>
    </form>
  );
}
