import { redirect } from "next/navigation";
import { vnToday } from "@/lib/domain/period";
import { canImportRosters, rosterTemplate } from "@/lib/dal/roster-import";
import { getActor } from "@/lib/dal/session";

export const dynamic = "force-dynamic";

/** The roster template, with the teams the caller may import into. */
export async function GET() {
  const actor = await getActor();
  if (!actor) redirect("/login");
  if (!canImportRosters(actor)) return new Response("Not found", { status: 404 });
  const body = await rosterTemplate(actor);
  const name = `mau-danh-sach-thanh-vien_${vnToday()}.xlsx`;
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
