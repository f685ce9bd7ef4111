import "server-only";
import { cache } from "react";
import { and, asc, eq, sql } from "drizzle-orm";
import { communes, provinces } from "@/db/schema";
import { coversUnit, unitLevelOf, type Actor, type UnitLevel } from "./actor";
import { db } from "./db";
import { NotFoundError } from "./errors";

export interface Unit {
  code: string;
  name: string;
  level: UnitLevel;
  kind: string | null;
  provinceCode: string | null;
  provinceName: string | null;
}

export const COUNTRY: Unit = { code: "VN", name: "Việt Nam", level: "national", kind: null, provinceCode: null, provinceName: null };

/**
 * A unit the caller may see: the country for national users, a province or a commune within scope.
 * Read once per request for the same caller and code, however many parts of a page ask (a
 * commune's dashboard asks five times); outside a page's render it is read on every call.
 */
export const getUnit = cache(async function getUnit(actor: Actor, code: string): Promise<Unit> {
  const level = /^(VN|[0-9]{2}|[0-9]{5})$/.test(code) ? unitLevelOf(code) : null;
  if (level === "national") {
    if (actor.role !== "national") throw new NotFoundError("unit");
    return COUNTRY;
  }
  const d = await db();
  if (level === "province") {
    const [p] = await d.select().from(provinces).where(eq(provinces.code, code)).limit(1);
    if (!p || !coversUnit(actor, { code })) throw new NotFoundError("unit");
    return { code, name: p.shortName, level, kind: p.placeType, provinceCode: code, provinceName: p.shortName };
  }
  if (level === "commune") {
    const [c] = await d
      .select({ code: communes.code, name: communes.name, kind: communes.kind, provinceCode: communes.provinceCode, provinceName: provinces.shortName })
      .from(communes)
      .innerJoin(provinces, eq(provinces.code, communes.provinceCode))
      .where(eq(communes.code, code))
      .limit(1);
    if (!c || !coversUnit(actor, c)) throw new NotFoundError("unit");
    return { ...c, level };
  }
  throw new NotFoundError("unit");
});

/** The chain from the country (or the caller's own top unit) down to this unit, for breadcrumbs. */
export async function unitTrail(actor: Actor, unit: Unit): Promise<Unit[]> {
  const trail: Unit[] = [];
  if (actor.role === "national") trail.push(COUNTRY);
  if (unit.level === "commune" && actor.role !== "commune") trail.push(await getUnit(actor, unit.provinceCode!));
  if (unit.level !== "national") trail.push(unit);
  return trail;
}

/** Provinces within the caller's scope. */
export async function listProvinces(actor: Actor) {
  const d = await db();
  const where = actor.role === "national" ? sql`TRUE` : eq(provinces.code, actor.provinceCode ?? "");
  return d.select({ code: provinces.code, name: provinces.shortName }).from(provinces).where(where).orderBy(asc(provinces.code));
}

/** Communes of a province within the caller's scope, optionally filtered by a diacritics-free search. */
export async function listCommunes(actor: Actor, provinceCode: string, q = "") {
  const d = await db();
  const scope =
    actor.role === "national" ? sql`TRUE` : actor.role === "provincial" ? eq(communes.provinceCode, actor.provinceCode!) : eq(communes.code, actor.communeCode!);
  return d
    .select({ code: communes.code, name: communes.name, kind: communes.kind })
    .from(communes)
    .where(and(eq(communes.provinceCode, provinceCode), scope, q ? sql`${communes.searchKey} LIKE '%' || search_key(${q}) || '%'` : sql`TRUE`))
    .orderBy(asc(communes.code));
}
