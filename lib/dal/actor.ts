import type { Role } from "@/lib/domain/catalog";

/** The signed-in caller as every data-access function receives it: who, and the unit they cover. */
export interface Actor {
  userId: number;
  username: string;
  fullName: string;
  role: Role;
  /** Set for provincial and commune users. */
  provinceCode: string | null;
  /** Set for commune users. */
  communeCode: string | null;
  mustChangePassword: boolean;
  ip: string | null;
  userAgent: string | null;
}

export type UnitLevel = "national" | "province" | "commune";

/** The code of the caller's own unit: "VN", a province code or a commune code. */
export function actorUnitCode(actor: Pick<Actor, "role" | "provinceCode" | "communeCode">): string {
  if (actor.role === "commune") return actor.communeCode!;
  if (actor.role === "provincial") return actor.provinceCode!;
  return "VN";
}

export function unitLevelOf(code: string): UnitLevel {
  if (code === "VN") return "national";
  return code.length === 2 ? "province" : "commune";
}

/** Whether a unit (by its code and, for a commune, its province) lies within the caller's scope. */
export function coversUnit(actor: Pick<Actor, "role" | "provinceCode" | "communeCode">, unit: { code: string; provinceCode?: string | null }): boolean {
  if (actor.role === "national") return true;
  if (actor.role === "provincial") {
    return unit.code === actor.provinceCode || (unit.code.length === 5 && unit.provinceCode === actor.provinceCode);
  }
  return unit.code === actor.communeCode;
}
