import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getTranslations } from "@/i18n/server";
import { CommunePicker } from "@/components/rosters/commune-picker";
import { TeamForm } from "@/components/rosters/team-form";
import { writableCommuneOptions } from "@/components/rosters/unit-selects";
import { buttonClass } from "@/components/ui/styles";
import { listHamletOptions } from "@/lib/dal/hamlets";
import { requireActor } from "@/lib/dal/session";
import { createTeamAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rosters.teams"))("new") };
}

type Props = { searchParams: Promise<{ commune?: string; hamlet?: string }> };

export default async function NewTeamPage({ searchParams }: Props) {
  const actor = await requireActor();
  if (actor.role === "national") notFound();
  const query = await searchParams;
  const t = await getTranslations("rosters");
  const communes = await writableCommuneOptions(actor);
  const commune = actor.role === "commune" ? actor.communeCode! : query.commune;
  const chosen = communes.find((c) => c.value === commune);
  if (commune && !chosen) notFound();
  const hamlets = chosen ? await listHamletOptions(actor, chosen.value) : [];
  return (
    <div className="space-y-4">
      <Link href="/teams" className={buttonClass.link}>
        ← {t("common.back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("teams.new")}</h1>
      {chosen ? (
        <>
          {actor.role !== "commune" && <p className="text-sm text-slate-700">{t("common.commune")}: {chosen.label}</p>}
          <TeamForm
            action={createTeamAction}
            communeCode={chosen.value}
            team={{ hamletId: /^\d+$/.test(query.hamlet ?? "") ? Number(query.hamlet) : null }}
            hamlets={hamlets.map((h) => ({ value: String(h.id), label: h.name }))}
          />
        </>
      ) : (
        <CommunePicker path="/teams/new" communes={communes} />
      )}
    </div>
  );
}
