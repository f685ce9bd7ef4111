import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getTranslations } from "@/i18n/server";
import { GuidanceBatchForm } from "@/components/guidance/guidance-batch-form";
import { buttonClass } from "@/components/ui/styles";
import { vnToday } from "@/lib/domain/period";
import { canWriteGuidance, listGuidanceTeams } from "@/lib/dal/guidance";
import { requireActor } from "@/lib/dal/session";
import { recordGuidanceAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("guidance"))("new") };
}

export default async function NewGuidancePage({ searchParams }: { searchParams: Promise<{ team?: string }> }) {
  const actor = await requireActor();
  if (!canWriteGuidance(actor)) notFound();
  const teams = await listGuidanceTeams(actor);
  const t = await getTranslations("guidance");
  const teamId = Number((await searchParams).team) || undefined;
  return (
    <div className="space-y-4">
      <Link href="/guidance" className={buttonClass.link}>
        ← {t("back")}
      </Link>
      <div>
        <h1 className="text-2xl font-bold">{t("new")}</h1>
        <p className="text-sm text-slate-600">{t("newIntro")}</p>
      </div>
      {teams.length === 0 ? <p>{t("noTeams")}</p> : <GuidanceBatchForm action={recordGuidanceAction} teams={teams} today={vnToday()} teamId={teamId} />}
    </div>
  );
}
