import { undoImport } from "@/lib/dal/roster-import";
import { importErrorResponse, readImporter, refusal } from "@/lib/import/upload";

export const dynamic = "force-dynamic";

/** Undoes a committed import: `{ "batchId": 12 }`. */
export async function POST(request: Request) {
  const caller = await readImporter(request);
  if ("response" in caller) return caller.response;
  const body = (await request.json().catch(() => null)) as { batchId?: unknown } | null;
  const batchId = Number(body?.batchId);
  if (!Number.isSafeInteger(batchId) || batchId <= 0) return refusal(404, "not_found");
  try {
    const result = await undoImport(caller.actor, batchId);
    return Response.json({ ok: true, ...result }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return importErrorResponse(error);
  }
}
