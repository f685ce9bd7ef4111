import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getTranslations } from "@/i18n/server";
import { CommunePicker } from "@/components/rosters/commune-picker";
import { MemberForm } from "@/components/rosters/member-form";
import { writableCommuneOptions } from "@/components/rosters/unit-selects";
import { buttonClass } from "@/components/ui/styles";
import { orNotFound } from "@/lib/dal/not-found";
import { requireActor } from "@/lib/dal/session";
import { getTeam, listTeamOptions } from "@/lib/dal/teams";
import { createMemberAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rosters.members"))("new") };
}

type Props = { searchParams: Promise<{ commune?: string; team?: string }> };

export default async function NewMemberPage({ searchParams }: Props) {
  const actor = await requireActor();
  if (actor.role === "national") notFound();
  const query = await searchParams;
  const t = await getTranslations("rosters");
  const team = /^\d{1,9}$/.test(query.team ?? "") ? await orNotFound(getTeam(actor, Number(query.team))) : null;
  const communes = await writableCommuneOptions(actor);
  const commune = team?.communeCode ?? (actor.role === "commune" ? actor.communeCode! : query.commune);
  const chosen = communes.find((c) => c.value === commune);
  if (commune && !chosen) notFound();
  const teams = chosen ? await listTeamOptions(actor, chosen.value) : [];
  return (
    <div className="space-y-4">
      <Link href={team ? `/teams/${team.id}` : "/members"} className={buttonClass.link}>
        ← {team ? team.name : t("common.back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("members.new")}</h1>
      {chosen ? (
        <MemberForm
          action={createMemberAction}
          member={{ teamId: team?.id }}
          teams={teams.map((o) => ({ value: String(o.id), label: o.status === "active" ? o.name : `${o.name} (${t("teams.dissolved")})` }))}
        />
      ) : (
        <CommunePicker path="/members/new" communes={communes} />
      )}
    </div>
  );
}
