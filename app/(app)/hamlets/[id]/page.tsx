import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { RecordOperation } from "@/components/rosters/form-parts";
import { HamletForm } from "@/components/rosters/hamlet-form";
import { RecordFacts } from "@/components/rosters/record-facts";
import { TeamTable } from "@/components/rosters/roster-tables";
import { FormAlert } from "@/components/ui/field";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { getHamlet } from "@/lib/dal/hamlets";
import { idOrNotFound, orNotFound } from "@/lib/dal/not-found";
import { requireActor } from "@/lib/dal/session";
import { listTeams } from "@/lib/dal/teams";
import { formatDateTime, formatNumber } from "@/lib/format";
import { teamListSchema } from "@/lib/validation/rosters";
import { removeHamletAction, restoreHamletAction, updateHamletAction } from "../actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rosters.hamlets"))("title") };
}

export default async function HamletPage({ params, searchParams }: Props) {
  const [{ id }, { created }] = await Promise.all([params, searchParams]);
  const actor = await requireActor();
  const hamlet = await orNotFound(getHamlet(actor, idOrNotFound(id)));
  const [t, locale, teams] = await Promise.all([getTranslations(), getLocale(), listTeams(actor, teamListSchema.parse({ hamlet: String(hamlet.id), pageSize: "100" }))]);
  const canWrite = actor.role !== "national";
  return (
    <div className="space-y-4">
      <Link href="/hamlets" className={buttonClass.link}>
        ← {t("rosters.common.back")}
      </Link>
      <div>
        <h1 className="text-2xl font-bold">{hamlet.name}</h1>
        <p className="text-sm text-slate-600">
          {t(`catalog.hamletKinds.${hamlet.kind}`)} · {hamlet.communeName}, {hamlet.provinceName}
        </p>
      </div>
      {created && <FormAlert tone="success">{t("rosters.common.created")}</FormAlert>}
      {hamlet.deletedAt && <FormAlert tone="error">{t("rosters.common.removedNotice", { at: formatDateTime(locale, hamlet.deletedAt) })}</FormAlert>}
      <RecordFacts
        facts={[
          [t("rosters.hamlets.households"), hamlet.households === null ? "" : formatNumber(locale, hamlet.households)],
          [t("rosters.hamlets.teams"), formatNumber(locale, hamlet.teamCount)],
          [t("rosters.common.updatedAt"), formatDateTime(locale, hamlet.updatedAt)],
        ]}
      />
      {canWrite && !hamlet.deletedAt && (
        <section className={cardClass}>
          <HamletForm action={updateHamletAction} hamlet={hamlet} />
        </section>
      )}
      {canWrite && (
        <section className={`${cardClass} flex flex-wrap gap-6`}>
          {hamlet.deletedAt ? (
            <RecordOperation action={restoreHamletAction} id={hamlet.id} label={t("rosters.common.restore")} />
          ) : (
            <RecordOperation action={removeHamletAction} id={hamlet.id} version={hamlet.version} label={t("rosters.common.remove")} danger confirm={t("rosters.common.confirmRemove")} />
          )}
        </section>
      )}
      <section className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-semibold">{t("rosters.hamlets.teamsHere")}</h2>
          {canWrite && !hamlet.deletedAt && (
            <Link href={`/teams/new?commune=${hamlet.communeCode}&hamlet=${hamlet.id}`} className={buttonClass.secondary}>
              {t("rosters.hamlets.newTeam")}
            </Link>
          )}
        </div>
        <TeamTable rows={teams.rows} sort={{ id: "name", desc: false }} showUnit={false} showProvince={false} />
      </section>
    </div>
  );
}
