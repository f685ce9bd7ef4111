import { redirect } from "next/navigation";
import { actorUnitCode } from "@/lib/dal/actor";
import { requireActor } from "@/lib/dal/session";

export default async function Home() {
  const actor = await requireActor();
  redirect(`/units/${actorUnitCode(actor)}`);
}
