"use server";

import { revalidatePath } from "next/cache";
import { scopedAction } from "@/lib/actions/scoped-action";
import { createCommuneLeads, type CreatedLead } from "@/lib/dal/account-bulk";
import { communeLeadsSchema } from "@/lib/validation/account-bulk";

/** The sheet of temporary passwords travels back once, in this response, and is stored nowhere. */
export const createCommuneLeadsAction = scopedAction<typeof communeLeadsSchema, CreatedLead[]>(communeLeadsSchema, async (actor, input) => {
  const sheet = await createCommuneLeads(actor, input);
  revalidatePath("/accounts", "layout");
  return { ok: true, data: sheet };
});
