import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { RecordOperation, TextInput } from "@/components/rosters/form-parts";
import { RecordFacts } from "@/components/rosters/record-facts";
import { MemberTable } from "@/components/rosters/roster-tables";
import { TeamForm } from "@/components/rosters/team-form";
import { FormAlert } from "@/components/ui/field";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { listHamletOptions } from "@/lib/dal/hamlets";
import { listTeamMembers } from "@/lib/dal/members";
import { idOrNotFound, orNotFound } from "@/lib/dal/not-found";
import { requireActor } from "@/lib/dal/session";
import { getTeam } from "@/lib/dal/teams";
import { formatDate, formatDateTime, formatNumber } from "@/lib/format";
import { todayInVietnam } from "@/lib/validation/rosters";
import { dissolveTeamAction, removeTeamAction, restoreTeamAction, updateTeamAction } from "../actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rosters.teams"))("title") };
}

export default async function TeamPage({ params, searchParams }: Props) {
  const [{ id }, { created }] = await Promise.all([params, searchParams]);
  const actor = await requireActor();
  const team = await orNotFound(getTeam(actor, idOrNotFound(id)));
  const canWrite = actor.role !== "national";
  const [t, locale, roster, hamlets] = await Promise.all([
    getTranslations(),
    getLocale(),
    listTeamMembers(actor, team.id),
    canWrite ? listHamletOptions(actor, team.communeCode) : Promise.resolve([]),
  ]);
  const editable = canWrite && !team.deletedAt;
  return (
    <div className="space-y-4">
      <Link href="/teams" className={buttonClass.link}>
        ← {t("rosters.common.back")}
      </Link>
      <div>
        <h1 className="text-2xl font-bold">{team.name}</h1>
        <p className="text-sm text-slate-600">
          {team.hamletName ?? t("rosters.common.communeLevel")} · {team.communeName}, {team.provinceName}
        </p>
      </div>
      {created && <FormAlert tone="success">{t("rosters.common.created")}</FormAlert>}
      {team.deletedAt && <FormAlert tone="error">{t("rosters.common.removedNotice", { at: formatDateTime(locale, team.deletedAt) })}</FormAlert>}
      <RecordFacts
        facts={[
          [t("rosters.common.hamlet"), team.hamletId ? <Link href={`/hamlets/${team.hamletId}`} className={buttonClass.link}>{team.hamletName}</Link> : t("rosters.common.communeLevel")],
          [t("rosters.common.status"), `${t(`catalog.teamStatuses.${team.status}`)}${team.dissolvedOn ? ` (${formatDate(locale, team.dissolvedOn)})` : ""}`],
          [t("rosters.teams.establishedOn"), team.establishedOn ? formatDate(locale, team.establishedOn) : ""],
          [t("rosters.teams.leader"), team.leaderName ?? ""],
          [t("rosters.teams.members"), formatNumber(locale, team.memberCount)],
          [
            t("rosters.teams.zaloUrl"),
            team.zaloUrl ? (
              <a href={team.zaloUrl} className={buttonClass.link} rel="noopener noreferrer" target="_blank">
                {t("rosters.teams.openZalo")}
              </a>
            ) : (
              ""
            ),
          ],
          [t("rosters.teams.note"), team.note ?? ""],
        ]}
      />
      <section className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-semibold">{t("rosters.teams.roster")}</h2>
          {editable && (
            <Link href={`/members/new?team=${team.id}`} className={buttonClass.primary}>
              {t("rosters.teams.addMember")}
            </Link>
          )}
        </div>
        <MemberTable rows={roster} showUnit={false} showProvince={false} showTeam={false} />
      </section>
      {editable && (
        <section className={cardClass}>
          <TeamForm action={updateTeamAction} team={team} hamlets={hamlets.map((h) => ({ value: String(h.id), label: h.name }))} />
        </section>
      )}
      {canWrite && (
        <section className={`${cardClass} flex flex-wrap items-start gap-8`}>
          {editable && team.status === "active" && (
            <RecordOperation action={dissolveTeamAction} id={team.id} version={team.version} label={t("rosters.teams.dissolve")}>
              <TextInput name="dissolvedOn" id="dissolve-date" type="date" label={t("rosters.teams.dissolvedOn")} defaultValue={todayInVietnam()} />
            </RecordOperation>
          )}
          {team.deletedAt ? (
            <RecordOperation action={restoreTeamAction} id={team.id} label={t("rosters.common.restore")} />
          ) : (
            <div className="max-w-sm space-y-2">
              <p className="text-sm text-slate-600">{t("rosters.teams.removeHint")}</p>
              <RecordOperation action={removeTeamAction} id={team.id} version={team.version} label={t("rosters.common.remove")} danger confirm={t("rosters.common.confirmRemove")} />
            </div>
          )}
        </section>
      )}
    </div>
  );
}
