import { previewImport, previewToken } from "@/lib/dal/roster-import";
import { importErrorResponse, readDecisions, readUpload } from "@/lib/import/upload";

export const dynamic = "force-dynamic";

/** Dry run of an uploaded roster file (with any answers to conflicts); the token lets the same caller confirm the same bytes. */
export async function POST(request: Request) {
  const upload = await readUpload(request);
  if ("response" in upload) return upload.response;
  try {
    const preview = await previewImport(upload.actor, upload.file, readDecisions(request));
    return Response.json({ ok: true, preview, token: previewToken(upload.actor, preview) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return importErrorResponse(error);
  }
}
