import "server-only";
import { count } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { communes, provinces } from "@/db/schema";

/**
 * Public liveness figures: which database serves the app, how many units it holds, and how many
 * of its replicas currently serve reads (a load balancer or an operator can watch that figure).
 */
export async function healthStatus() {
  const { db, kind, replicas } = await getDatabase();
  const [[p], [c]] = await Promise.all([db.select({ n: count() }).from(provinces), db.select({ n: count() }).from(communes)]);
  const serving = replicas ? replicas.replicas.filter((r) => replicas.usable(r)).length : 0;
  return { status: "ok" as const, database: kind, provinces: p.n, communes: c.n, replicas: { configured: replicas?.replicas.length ?? 0, serving } };
}
