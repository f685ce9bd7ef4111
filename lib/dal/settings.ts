import "server-only";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { settings } from "@/db/schema";
import { DEFAULT_DEADLINE_DAY, MAX_DEADLINE_DAY, type DeadlineSettingInput } from "@/lib/validation/reports";
import type { Actor } from "./actor";
import { writeAudit } from "./audit";
import { db } from "./db";
import { FieldError, NotFoundError } from "./errors";

const DEADLINE_KEY = "reports.deadline_day";

function asDeadlineDay(value: unknown): number {
  const n = typeof value === "number" ? value : Number(value);
  return Number.isInteger(n) && n >= 1 && n <= MAX_DEADLINE_DAY ? n : DEFAULT_DEADLINE_DAY;
}

/** The day of the following month by which a month's report is due (not scoped: every user sees it). */
export async function reportDeadlineDay(q?: Queryable): Promise<number> {
  const d = q ?? (await db());
  const [row] = await d.select({ value: settings.value }).from(settings).where(eq(settings.key, DEADLINE_KEY)).limit(1);
  return asDeadlineDay(row?.value);
}

export async function getReportSettings(actor: Actor) {
  void actor;
  const d = await db();
  const [row] = await d.select().from(settings).where(eq(settings.key, DEADLINE_KEY)).limit(1);
  return { deadlineDay: asDeadlineDay(row?.value), updatedAt: row?.updatedAt ?? null };
}

/** National users only; audited as settings.update. */
export async function updateReportSettings(actor: Actor, input: DeadlineSettingInput) {
  if (actor.role !== "national") throw new NotFoundError("settings");
  if (!Number.isInteger(input.deadlineDay) || input.deadlineDay < 1 || input.deadlineDay > MAX_DEADLINE_DAY) {
    throw new FieldError({ deadlineDay: ["reports.errors.deadline_day_invalid"] });
  }
  const d = await db();
  await d.transaction(async (tx) => {
    const [before] = await tx.select().from(settings).where(eq(settings.key, DEADLINE_KEY)).for("update").limit(1);
    await tx
      .insert(settings)
      .values({ key: DEADLINE_KEY, value: input.deadlineDay })
      .onConflictDoUpdate({ target: settings.key, set: { value: input.deadlineDay, updatedAt: new Date() } });
    await writeAudit(tx, actor, {
      action: "settings.update",
      entity: "setting",
      entityId: DEADLINE_KEY,
      before: { deadlineDay: asDeadlineDay(before?.value) },
      after: { deadlineDay: input.deadlineDay },
    });
  });
}
