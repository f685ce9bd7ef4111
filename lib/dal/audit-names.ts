import "server-only";
import { and, inArray } from "drizzle-orm";
import { communes, hamlets, members, provinces, teams, users } from "@/db/schema";
import type { AuditNames } from "@/lib/audit/describe";
import type { Actor } from "./actor";
import { db } from "./db";
import { scopeWhere } from "./scope";

type AuditRow = { entity: string; entityId: string | null; before: unknown; after: unknown; actorUsername: string | null };

const payloads = (r: AuditRow) => [r.before, r.after].filter((p): p is Record<string, unknown> => !!p && typeof p === "object" && !Array.isArray(p));
const ids = (values: unknown[]) => [...new Set(values.filter((v) => v !== null && v !== undefined && /^[0-9]+$/.test(String(v))).map(Number))];
const codes = (values: unknown[]) => [...new Set(values.filter((v): v is string => typeof v === "string" && /^[0-9]{2,5}$/.test(v)))];
const byKey = <T extends { key: string | number; name: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [String(r.key), r.name]));

/**
 * Names for what a page of audit events refers to (teams, hamlets, members, communes,
 * provinces) and the full names of the people who made them. Records are looked up within the
 * caller's scope, removed ones included: an event about a removed team still names it.
 */
export async function auditNames(actor: Actor, rows: AuditRow[]): Promise<{ names: AuditNames; actorNames: Record<string, string> }> {
  const d = await db();
  const teamIds = ids(rows.flatMap((r) => [...payloads(r).map((p) => p.teamId), r.entity === "team" ? r.entityId : null]));
  const hamletIds = ids(rows.flatMap((r) => [...payloads(r).map((p) => p.hamletId), r.entity === "hamlet" ? r.entityId : null]));
  const memberIds = ids(
    rows.flatMap((r) => [
      ...payloads(r).flatMap((p) => [...(Array.isArray(p.attendanceAdded) ? p.attendanceAdded : []), ...(Array.isArray(p.attendanceRemoved) ? p.attendanceRemoved : [])]),
      r.entity === "member" ? r.entityId : null,
    ]),
  );
  const communeCodes = codes(rows.flatMap((r) => [...payloads(r).map((p) => p.communeCode), r.entity === "monthly_report" ? r.entityId?.split("/")[0] : null]));
  const provinceCodes = codes(rows.flatMap((r) => payloads(r).map((p) => p.provinceCode)));
  const usernames = [...new Set(rows.map((r) => r.actorUsername).filter((u): u is string => !!u))];
  const scope = { province: teams.provinceCode, commune: teams.communeCode };
  const [teamRows, hamletRows, memberRows, communeRows, provinceRows, userRows] = await Promise.all([
    teamIds.length ? d.select({ key: teams.id, name: teams.name }).from(teams).where(and(inArray(teams.id, teamIds), scopeWhere(actor, scope))) : [],
    hamletIds.length
      ? d.select({ key: hamlets.id, name: hamlets.name }).from(hamlets).where(and(inArray(hamlets.id, hamletIds), scopeWhere(actor, { province: hamlets.provinceCode, commune: hamlets.communeCode })))
      : [],
    memberIds.length
      ? d.select({ key: members.id, name: members.fullName }).from(members).where(and(inArray(members.id, memberIds), scopeWhere(actor, { province: members.provinceCode, commune: members.communeCode })))
      : [],
    communeCodes.length ? d.select({ key: communes.code, name: communes.name }).from(communes).where(inArray(communes.code, communeCodes)) : [],
    provinceCodes.length ? d.select({ key: provinces.code, name: provinces.name }).from(provinces).where(inArray(provinces.code, provinceCodes)) : [],
    usernames.length ? d.select({ key: users.username, name: users.fullName }).from(users).where(inArray(users.username, usernames)) : [],
  ]);
  return {
    names: { teams: byKey(teamRows), hamlets: byKey(hamletRows), members: byKey(memberRows), communes: byKey(communeRows), provinces: byKey(provinceRows) },
    actorNames: byKey(userRows),
  };
}
