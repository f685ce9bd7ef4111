import { previewHistoryImport } from "@/lib/dal/history";
import { historyErrorResponse, readHistoryUpload } from "@/lib/history/upload";

export const dynamic = "force-dynamic";

/** Dry run of a file of historical figures; the token lets the same caller write the same bytes with the same rule. */
export async function POST(request: Request) {
  const upload = await readHistoryUpload(request);
  if ("response" in upload) return upload.response;
  try {
    const { preview, token } = await previewHistoryImport(upload.actor, upload.file, upload.rule);
    return Response.json({ ok: true, preview, token }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return historyErrorResponse(error);
  }
}
