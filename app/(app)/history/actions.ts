"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { scopedAction } from "@/lib/actions/scoped-action";
import { HistoryRejectedError, undoHistoryImport } from "@/lib/dal/history";

const undoSchema = z.object({ id: z.coerce.number().int().positive() });

/** Undoes one import of historical figures (national users; the data-access layer checks). */
export const undoHistoryAction = scopedAction<typeof undoSchema, Record<string, string>>(undoSchema, async (actor, { id }) => {
  try {
    const result = await undoHistoryImport(actor, id);
    revalidatePath("/history");
    return { ok: true, notice: { key: "history.undoDone", values: { removed: String(result.removed), restored: String(result.restored) } } };
  } catch (error) {
    if (error instanceof HistoryRejectedError) return { ok: false, error: `history.errors.${error.code}`, data: Object.fromEntries(Object.entries(error.values).map(([k, v]) => [k, String(v)])) };
    throw error;
  }
});
