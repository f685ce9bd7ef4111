import "server-only";
import { getTranslations } from "@/i18n/server";
import type { Actor } from "@/lib/dal/actor";
import { listHamletOptions } from "@/lib/dal/hamlets";
import { listTeamOptions } from "@/lib/dal/teams";
import { listCommunes, listProvinces } from "@/lib/dal/units";
import type { FilterSelect } from "./list-filters";

/**
 * The unit filters a caller can use: province (national users), commune (within the chosen or own
 * province), and, once a commune is known, its hamlets and teams.
 */
export async function unitSelects(
  actor: Actor,
  params: { province?: string; commune?: string; hamlet?: number; team?: number },
  include: { hamlet?: boolean; team?: boolean } = {},
): Promise<FilterSelect[]> {
  const t = await getTranslations("rosters.common");
  const selects: FilterSelect[] = [];
  if (actor.role === "national") {
    const provinces = await listProvinces(actor);
    selects.push({ name: "province", label: t("province"), value: params.province, allLabel: t("all"), options: provinces.map((p) => ({ value: p.code, label: p.name })) });
  }
  const province = actor.role === "national" ? params.province : actor.provinceCode;
  if (actor.role !== "commune" && province) {
    const communes = await listCommunes(actor, province);
    selects.push({ name: "commune", label: t("commune"), value: params.commune, allLabel: t("all"), options: communes.map((c) => ({ value: c.code, label: c.name })) });
  }
  const commune = actor.role === "commune" ? actor.communeCode! : params.commune;
  if (commune && include.hamlet) {
    const hamlets = await listHamletOptions(actor, commune);
    selects.push({ name: "hamlet", label: t("hamlet"), value: params.hamlet, allLabel: t("all"), options: hamlets.map((h) => ({ value: String(h.id), label: h.name })) });
  }
  if (commune && include.team) {
    const teams = await listTeamOptions(actor, commune);
    selects.push({ name: "team", label: t("team"), value: params.team, allLabel: t("all"), options: teams.map((o) => ({ value: String(o.id), label: o.name })) });
  }
  return selects;
}

/** Communes a provincial admin or commune lead may create records in, as form options. */
export async function writableCommuneOptions(actor: Actor) {
  if (actor.role === "national") return [];
  const communes = await listCommunes(actor, actor.provinceCode!);
  return communes.map((c) => ({ value: c.code, label: c.name }));
}
