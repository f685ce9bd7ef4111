import "server-only";
import type { Actor } from "./actor";
import { writeAudit } from "./audit";
import { db } from "./db";

export async function recordSignOut(actor: Actor) {
  await writeAudit(await db(), actor, {
    action: "auth.sign_out",
    entity: "session",
    entityId: actor.username,
    provinceCode: actor.provinceCode,
    communeCode: actor.communeCode,
  });
}
