import { readQuery } from "@/lib/validation/primitives";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { GuidanceTable } from "@/components/guidance/guidance-table";
import { FormAlert } from "@/components/ui/field";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { SKILLS, TARGET_GROUPS } from "@/lib/domain/catalog";
import { vnToday } from "@/lib/domain/period";
import { canWriteGuidance, listGuidance, listGuidanceFilterTeams } from "@/lib/dal/guidance";
import { requireActor } from "@/lib/dal/session";
import { listCommunes, listProvinces } from "@/lib/dal/units";
import { formatNumber } from "@/lib/format";
import { guidanceListSchema } from "@/lib/validation/guidance";
import { Download } from "@/components/downloads/download";
import { QueryNotice } from "@/components/notices/query-notice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("guidance"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function GuidancePage({ searchParams }: Props) {
  const actor = await requireActor();
  const query = await searchParams;
  const { data: parsed, invalid } = readQuery(guidanceListSchema, query);
  // Above the commune an unfiltered list spans up to millions of rows: without any filter it shows the current month.
  const unfiltered = !parsed.from && !parsed.to && !parsed.province && !parsed.commune && !parsed.team;
  const month = vnToday().slice(0, 7);
  const params = actor.role !== "commune" && unfiltered ? { ...parsed, from: month, to: month } : parsed;
  const communeFilter = actor.role === "commune" ? actor.communeCode! : params.commune;
  const [{ rows, total, capped, sort, dir, previous, next }, teamOptions, provinceOptions, communeOptions] = await Promise.all([
    listGuidance(actor, params),
    listGuidanceFilterTeams(actor, communeFilter),
    actor.role === "national" ? listProvinces(actor) : Promise.resolve([]),
    actor.role === "provincial" ? listCommunes(actor, actor.provinceCode!) : Promise.resolve([]),
  ]);
  const t = await getTranslations();
  const locale = await getLocale();
  const filters = new URLSearchParams(
    Object.entries({ team: params.team, skill: params.skill, group: params.group, from: params.from, to: params.to, province: params.province, commune: params.commune })
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, String(v)]),
  );
  const exportHref = (format: string) => `/api/export/guidance?format=${format}${filters.size ? `&${filters}` : ""}`;
  const { saved, removed, ...listQuery } = query;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("guidance.title")}</h1>
          <p className="text-sm text-slate-600">{t("guidance.intro")}</p>
        </div>
        {canWriteGuidance(actor) && (
          <Link href="/guidance/new" className={buttonClass.primary}>
            {t("guidance.new")}
          </Link>
        )}
      </div>
      {saved && /^\d+$/.test(saved) && <FormAlert tone="success">{t("guidance.saved", { count: formatNumber(locale, Number(saved)) })}</FormAlert>}
      {removed && <FormAlert tone="success">{t("guidance.removed")}</FormAlert>}
      <QueryNotice invalid={invalid} />
      <form method="get" className={`${cardClass} grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4`}>
        {actor.role === "national" && (
          <label className="text-sm">
            <span className="block text-slate-700">{t("guidance.province")}</span>
            <select name="province" defaultValue={params.province ?? ""} className={inputClass}>
              <option value="">{t("guidance.allProvinces")}</option>
              {provinceOptions.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {actor.role === "provincial" && (
          <label className="text-sm">
            <span className="block text-slate-700">{t("guidance.commune")}</span>
            <select name="commune" defaultValue={params.commune ?? ""} className={inputClass}>
              <option value="">{t("guidance.allCommunes")}</option>
              {communeOptions.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {actor.role === "national" && (
          <label className="text-sm">
            <span className="block text-slate-700">{t("guidance.communeCode")}</span>
            <input name="commune" inputMode="numeric" pattern="[0-9]{5}" defaultValue={params.commune ?? ""} className={inputClass} />
          </label>
        )}
        {teamOptions.length > 0 && (
          <label className="text-sm">
            <span className="block text-slate-700">{t("guidance.team")}</span>
            <select name="team" defaultValue={params.team ?? ""} className={inputClass}>
              <option value="">{t("guidance.allTeams")}</option>
              {teamOptions.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="text-sm">
          <span className="block text-slate-700">{t("guidance.skill")}</span>
          <select name="skill" defaultValue={params.skill ?? ""} className={inputClass}>
            <option value="">{t("guidance.allSkills")}</option>
            {SKILLS.map((s) => (
              <option key={s} value={s}>
                {s}. {t(`catalog.skills.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-slate-700">{t("guidance.targetGroup")}</span>
          <select name="group" defaultValue={params.group ?? ""} className={inputClass}>
            <option value="">{t("guidance.allGroups")}</option>
            {TARGET_GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`catalog.targetGroups.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-slate-700">{t("guidance.from")}</span>
          <input type="month" name="from" defaultValue={params.from ?? ""} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="block text-slate-700">{t("guidance.to")}</span>
          <input type="month" name="to" defaultValue={params.to ?? ""} className={inputClass} />
        </label>
        <div className="flex items-end">
          <button type="submit" className={buttonClass.secondary}>
            {t("guidance.filter")}
          </button>
        </div>
      </form>
      <section className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-slate-600" aria-live="polite">
            {t(capped ? "guidance.totalMore" : "guidance.total", { count: formatNumber(locale, total) })}
          </p>
          <div className="flex gap-3 text-sm">
            <Download href={exportHref("csv")} className={buttonClass.link}>
              {t("guidance.exportCsv")}
            </Download>
            <Download href={exportHref("xlsx")} className={buttonClass.link}>
              {t("guidance.exportXlsx")}
            </Download>
          </div>
        </div>
        {sort !== params.sort && <p className="text-sm text-slate-600">{t("guidance.sortLimited")}</p>}
        <GuidanceTable rows={rows} sort={{ id: sort, desc: dir === "desc" }} showCommune={actor.role !== "commune"} />
        <KeysetPagination path="/guidance" query={listQuery} page={params.page} pageSize={params.pageSize} total={total} capped={capped} previous={previous} next={next} />
      </section>
    </div>
  );
}
