import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { actorUnitCode } from "@/lib/dal/actor";
import { requireActor } from "@/lib/dal/session";
import { getUnit } from "@/lib/dal/units";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const path = (await headers()).get("x-pathname") ?? "/";
  if (actor.mustChangePassword && !path.startsWith("/account/password")) redirect("/account/password");
  const unit = await getUnit(actor, actorUnitCode(actor));
  return (
    <AppShell actor={actor} unit={unit} path={path}>
      {children}
    </AppShell>
  );
}
