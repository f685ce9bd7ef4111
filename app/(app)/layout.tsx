import { headers } from "next/headers";
import { AppShell } from "@/components/shell/app-shell";
import { actorUnitCode } from "@/lib/dal/actor";
import { requireActor } from "@/lib/dal/session";
import { getUnit } from "@/lib/dal/units";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const path = (await headers()).get("x-pathname") ?? "/";
  const unit = await getUnit(actor, actorUnitCode(actor));
  return (
    <AppShell actor={actor} unit={unit} path={path}>
      {children}
    </AppShell>
  );
}
