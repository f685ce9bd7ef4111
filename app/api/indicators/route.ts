import { z } from "zod";
import { NotFoundError } from "@/lib/dal/errors";
import { unitIndicators } from "@/lib/dal/indicators";
import { getActor } from "@/lib/dal/session";
import { indicatorQuerySchema, queryObject } from "@/lib/validation/indicators";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

/**
 * GET /api/indicators?unit=VN|<province>|<commune>&from=YYYY-MM-DD&to=YYYY-MM-DD — the unit's
 * indicators and each child's, within the caller's scope (401 signed out, 404 out of scope,
 * 400 bad parameters).
 */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "unauthenticated" }, { status: 401, headers: noStore });
  const parsed = indicatorQuerySchema.safeParse(queryObject(new URL(request.url).searchParams));
  if (!parsed.success) {
    return Response.json({ error: "bad_request", fields: z.flattenError(parsed.error).fieldErrors }, { status: 400, headers: noStore });
  }
  try {
    const data = await unitIndicators(actor, parsed.data.unit, parsed.data.period);
    return Response.json(data, { headers: noStore });
  } catch (error) {
    if (error instanceof NotFoundError) return Response.json({ error: "not_found" }, { status: 404, headers: noStore });
    throw error;
  }
}
