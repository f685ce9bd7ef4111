import { z } from "zod";
import { NotFoundError } from "@/lib/dal/errors";
import { periodicReportData } from "@/lib/dal/periodic-report";
import { getActor } from "@/lib/dal/session";
import { reportDocx } from "@/lib/report-doc/docx";
import { buildReportModel } from "@/lib/report-doc/model";
import { indicatorQuerySchema, queryObject } from "@/lib/validation/indicators";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

/** GET /report/<unit>/docx?from=YYYY-MM-DD&to=YYYY-MM-DD — the periodic report as a Word document. */
export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "unauthenticated" }, { status: 401, headers: noStore });
  const parsed = indicatorQuerySchema.safeParse({ ...queryObject(new URL(request.url).searchParams), unit: (await params).code });
  if (!parsed.success) {
    return Response.json({ error: "bad_request", fields: z.flattenError(parsed.error).fieldErrors }, { status: 400, headers: noStore });
  }
  try {
    const model = buildReportModel(await periodicReportData(actor, parsed.data.unit, parsed.data.period));
    const bytes = await reportDocx(model);
    return new Response(new Uint8Array(bytes), {
      headers: {
        ...noStore,
        "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Content-Disposition": `attachment; filename="${model.fileName}"`,
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return Response.json({ error: "not_found" }, { status: 404, headers: noStore });
    throw error;
  }
}
