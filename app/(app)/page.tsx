import { getTranslations } from "@/i18n/server";
import type { Metadata } from "next";
import { UnitDashboard } from "@/components/dashboard/unit-dashboard";
import { CommuneHome } from "@/components/home/commune-home";
import { ProvinceWeek } from "@/components/home/province-week";
import { actorUnitCode } from "@/lib/dal/actor";
import { communeTodo } from "@/lib/dal/commune-home";
import { provinceWeek } from "@/lib/dal/report-reminders";
import { requireActor } from "@/lib/dal/session";
import { getUnit } from "@/lib/dal/units";

export async function generateMetadata(): Promise<Metadata> {
  const actor = await requireActor();
  return actor.role === "commune" ? { title: (await getTranslations("home"))("title") } : {};
}

/** Commune leads land on their to-do list; provincial admins on their week above the dashboard; national users on the dashboard. */
export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  if (actor.role === "commune") {
    const [todo, unit] = await Promise.all([communeTodo(actor), getUnit(actor, actorUnitCode(actor))]);
    return <CommuneHome todo={todo} communeName={unit.name} />;
  }
  const lead = actor.role === "provincial" ? <ProvinceWeek week={await provinceWeek(actor)} /> : undefined;
  return <UnitDashboard code={actorUnitCode(actor)} query={await searchParams} lead={lead} />;
}
