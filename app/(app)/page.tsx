import { UnitDashboard } from "@/components/dashboard/unit-dashboard";
import { actorUnitCode } from "@/lib/dal/actor";
import { requireActor } from "@/lib/dal/session";

export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  return <UnitDashboard code={actorUnitCode(actor)} query={await searchParams} />;
}
