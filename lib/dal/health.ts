import "server-only";
import { count } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { communes, provinces } from "@/db/schema";

/** Public liveness figures: which database serves the app and how many units it holds. */
export async function healthStatus() {
  const { db, kind } = await getDatabase();
  const [[p], [c]] = await Promise.all([db.select({ n: count() }).from(provinces), db.select({ n: count() }).from(communes)]);
  return { status: "ok" as const, database: kind, provinces: p.n, communes: c.n };
}
