import { commitPreviewedImport } from "@/lib/dal/roster-import";
import { importErrorResponse, readDecisions, readUpload } from "@/lib/import/upload";

export const dynamic = "force-dynamic";

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Writes a previewed roster file: the file is sent again and parsed and validated anew on the
 * server, with the answers to conflicts and the key under which the page follows the progress.
 */
export async function POST(request: Request) {
  const upload = await readUpload(request);
  if ("response" in upload) return upload.response;
  const key = request.headers.get("x-import-key") ?? "";
  try {
    const { preview, batchId } = await commitPreviewedImport(upload.actor, upload.file, request.headers.get("x-import-token") ?? "", {
      decisions: readDecisions(request),
      key: KEY.test(key) ? key : undefined,
    });
    return Response.json({ ok: true, fileName: preview.fileName, counts: preview.counts, batchId }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return importErrorResponse(error);
  }
}
