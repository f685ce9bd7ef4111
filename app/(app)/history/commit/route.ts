import { commitHistoryImport } from "@/lib/dal/history";
import { historyErrorResponse, readHistoryUpload } from "@/lib/history/upload";

export const dynamic = "force-dynamic";

/** Writes a previewed file: it is sent again and analysed anew inside the writing transaction. */
export async function POST(request: Request) {
  const upload = await readHistoryUpload(request);
  if ("response" in upload) return upload.response;
  try {
    const { preview } = await commitHistoryImport(upload.actor, upload.file, upload.rule, request.headers.get("x-import-token") ?? "");
    return Response.json({ ok: true, fileName: preview.fileName, counts: preview.counts }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return historyErrorResponse(error);
  }
}
