import "server-only";
import type { Actor } from "@/lib/dal/actor";
import { NotFoundError } from "@/lib/dal/errors";
import { ImportRejectedError, type ImportFile } from "@/lib/dal/roster-import";
import { getActor } from "@/lib/dal/session";
import { checkFileEnvelope } from "./limits";
import { parseDecisions, type Decisions } from "./preview";

/** A JSON answer for the import page: `{ ok: false, error: { code, values } }` names a key of `imports.errors`. */
export function refusal(status: number, code: string, values: Record<string, string | number> = {}, extra: object = {}) {
  return Response.json({ ok: false, error: { code, values }, ...extra }, { status, headers: { "Cache-Control": "no-store" } });
}

/** The signed-in caller who may import, or the response that refuses them; cross-site posts are refused. */
export async function readImporter(request: Request): Promise<{ actor: Actor } | { response: Response }> {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin && host && new URL(origin).host !== host) return { response: refusal(403, "not_found") };
  const actor = await getActor();
  if (!actor) return { response: refusal(401, "signed_out") };
  if (actor.role === "national") return { response: refusal(404, "not_found") };
  return { actor };
}

/** The page's answers to conflicts, sent URI-encoded as JSON in a header; anything unreadable counts as no answer. */
export function readDecisions(request: Request): Decisions {
  try {
    return parseDecisions(JSON.parse(decodeURIComponent(request.headers.get("x-import-decisions") ?? "{}")));
  } catch {
    return {};
  }
}

/**
 * The signed-in caller and the uploaded file (the raw request body, its name in `x-file-name`),
 * or the response that refuses them. Cross-site posts are refused: the page posts from its own origin.
 */
export async function readUpload(request: Request): Promise<{ actor: Actor; file: ImportFile } | { response: Response }> {
  const caller = await readImporter(request);
  if ("response" in caller) return caller;
  const { actor } = caller;
  const name = decodeURIComponent(request.headers.get("x-file-name") ?? "");
  const declared = Number(request.headers.get("content-length") ?? 0);
  const envelope = checkFileEnvelope(name, Math.max(declared, 1));
  if (envelope) return { response: refusal(envelope.code === "file_too_large" ? 413 : 415, envelope.code, envelope.values) };
  const bytes = new Uint8Array(await request.arrayBuffer());
  const checked = checkFileEnvelope(name, bytes.byteLength);
  if (checked) return { response: refusal(checked.code === "file_too_large" ? 413 : 422, checked.code, checked.values) };
  return { actor, file: { name, bytes } };
}

/** Turns the data-access layer's refusals into answers for the page. */
export function importErrorResponse(error: unknown): Response {
  if (error instanceof ImportRejectedError) return refusal(422, error.code, error.values, error.preview ? { preview: error.preview } : {});
  if (error instanceof NotFoundError) return refusal(404, "not_found");
  throw error;
}
