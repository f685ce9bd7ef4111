import { commitPreviewedImport } from "@/lib/dal/roster-import";
import { importErrorResponse, readUpload } from "@/lib/import/upload";

export const dynamic = "force-dynamic";

/** Writes a previewed roster file: the file is sent again and parsed and validated anew on the server. */
export async function POST(request: Request) {
  const upload = await readUpload(request);
  if ("response" in upload) return upload.response;
  try {
    const { preview } = await commitPreviewedImport(upload.actor, upload.file, request.headers.get("x-import-token") ?? "");
    return Response.json({ ok: true, fileName: preview.fileName, counts: preview.counts }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return importErrorResponse(error);
  }
}
