import "server-only";
import type { Actor } from "@/lib/dal/actor";
import { NotFoundError } from "@/lib/dal/errors";
import { canImportHistory, HistoryRejectedError, type HistoryFile } from "@/lib/dal/history";
import { getActor } from "@/lib/dal/session";
import { checkFileEnvelope } from "@/lib/import/limits";
import { SPLIT_RULES, type SplitRule } from "./mapping";

/** A JSON answer for the history page: `{ ok: false, error: { code, values } }` names a key of `history.errors`. */
export function refusal(status: number, code: string, values: Record<string, string | number> = {}, extra: object = {}) {
  return Response.json({ ok: false, error: { code, values }, ...extra }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * The signed-in national caller, the uploaded file (the request body, its name in `x-file-name`)
 * and the allocation rule (`x-split-rule`), or the response that refuses them.
 */
export async function readHistoryUpload(request: Request): Promise<{ actor: Actor; file: HistoryFile; rule: SplitRule } | { response: Response }> {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin && host && new URL(origin).host !== host) return { response: refusal(403, "not_found") };
  const actor = await getActor();
  if (!actor || actor.mustChangePassword) return { response: refusal(401, "signed_out") };
  if (!canImportHistory(actor)) return { response: refusal(404, "not_found") };
  const rule = request.headers.get("x-split-rule") ?? "equal";
  if (!(SPLIT_RULES as readonly string[]).includes(rule)) return { response: refusal(400, "rule_invalid") };
  const name = decodeURIComponent(request.headers.get("x-file-name") ?? "");
  const declared = checkFileEnvelope(name, Math.max(Number(request.headers.get("content-length") ?? 0), 1));
  if (declared) return { response: refusal(declared.code === "file_too_large" ? 413 : 415, declared.code, declared.values) };
  const bytes = new Uint8Array(await request.arrayBuffer());
  const checked = checkFileEnvelope(name, bytes.byteLength);
  if (checked) return { response: refusal(checked.code === "file_too_large" ? 413 : 422, checked.code, checked.values) };
  return { actor, file: { name, bytes }, rule: rule as SplitRule };
}

export function historyErrorResponse(error: unknown): Response {
  if (error instanceof HistoryRejectedError) return refusal(422, error.code, error.values, error.preview ? { preview: error.preview } : {});
  if (error instanceof NotFoundError) return refusal(404, "not_found");
  throw error;
}
