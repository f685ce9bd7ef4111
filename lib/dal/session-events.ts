import "server-only";
import { eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Actor } from "./actor";
import { writeAudit } from "./audit";
import { db } from "./db";

/**
 * Signing out ends every session of the account, not only this browser's: the session version
 * moves on, so any copy of an older token (another device, a stolen cookie) is refused from now on.
 */
export async function recordSignOut(actor: Actor) {
  const d = await db();
  await d.transaction(async (tx) => {
    await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, actor.userId));
    await writeAudit(tx, actor, {
      action: "auth.sign_out",
      entity: "session",
      entityId: actor.username,
      provinceCode: actor.provinceCode,
      communeCode: actor.communeCode,
    });
  });
}
