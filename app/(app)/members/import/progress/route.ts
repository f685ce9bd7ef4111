import { importProgress } from "@/lib/dal/roster-import";
import { readImporter, refusal } from "@/lib/import/upload";

export const dynamic = "force-dynamic";

/** How far the caller's running commit has gone, for the page's progress bar. */
export async function GET(request: Request) {
  const caller = await readImporter(request);
  if ("response" in caller) return caller.response;
  const progress = await importProgress(caller.actor, new URL(request.url).searchParams.get("key") ?? "");
  if (!progress) return refusal(404, "not_found");
  return Response.json({ ok: true, ...progress }, { headers: { "Cache-Control": "no-store" } });
}
