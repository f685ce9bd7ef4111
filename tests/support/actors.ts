import type { Actor } from "@/lib/dal/actor";

const base = { fullName: "Test", mustChangePassword: false, ip: "127.0.0.1", userAgent: "vitest" };

/** Actors for scope tests; userId refers to rows created by seedUsers or 0 when no row is needed. */
export function nationalActor(userId = 0): Actor {
  return { ...base, userId, username: "nat", role: "national", provinceCode: null, communeCode: null };
}
export function provincialActor(provinceCode: string, userId = 0): Actor {
  return { ...base, userId, username: `prov${provinceCode}`, role: "provincial", provinceCode, communeCode: null };
}
export function communeActor(provinceCode: string, communeCode: string, userId = 0): Actor {
  return { ...base, userId, username: `com${communeCode}`, role: "commune", provinceCode, communeCode };
}
