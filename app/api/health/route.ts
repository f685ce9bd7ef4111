import { healthStatus } from "@/lib/dal/health";

export const dynamic = "force-dynamic";

export async function GET() {
  return Response.json(await healthStatus(), { headers: { "Cache-Control": "no-store" } });
}
