import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { RecordOperation } from "@/components/rosters/form-parts";
import { MemberForm } from "@/components/rosters/member-form";
import { RecordFacts } from "@/components/rosters/record-facts";
import { displayPhone } from "@/components/rosters/display";
import { FormAlert } from "@/components/ui/field";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { getMember } from "@/lib/dal/members";
import { idOrNotFound, orNotFound } from "@/lib/dal/not-found";
import { requireActor } from "@/lib/dal/session";
import { listTeamOptions } from "@/lib/dal/teams";
import { formatDate, formatDateTime } from "@/lib/format";
import { removeMemberAction, restoreMemberAction, updateMemberAction } from "../actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rosters.members"))("title") };
}

export default async function MemberPage({ params, searchParams }: Props) {
  const [{ id }, { created }] = await Promise.all([params, searchParams]);
  const actor = await requireActor();
  const member = await orNotFound(getMember(actor, idOrNotFound(id)));
  const canWrite = actor.role !== "national";
  const editable = canWrite && !member.deletedAt;
  const [t, locale, teams] = await Promise.all([getTranslations(), getLocale(), editable ? listTeamOptions(actor, member.communeCode) : Promise.resolve([])]);
  const date = (d: string | null) => (d ? formatDate(locale, d) : "");
  return (
    <div className="space-y-4">
      <Link href="/members" className={buttonClass.link}>
        ← {t("rosters.common.back")}
      </Link>
      <div>
        <h1 className="text-2xl font-bold">{member.fullName}</h1>
        <p className="text-sm text-slate-600">
          {t(`catalog.positions.${member.position}`)} ·{" "}
          <Link href={`/teams/${member.teamId}`} className={buttonClass.link}>
            {member.teamName}
          </Link>{" "}
          · {member.communeName}, {member.provinceName}
        </p>
      </div>
      {created && <FormAlert tone="success">{t("rosters.common.created")}</FormAlert>}
      {member.deletedAt && <FormAlert tone="error">{t("rosters.common.removedNotice", { at: formatDateTime(locale, member.deletedAt) })}</FormAlert>}
      <RecordFacts
        facts={[
          [t("rosters.members.phone"), <span key="phone" data-testid="member-phone" className="tabular-nums">{displayPhone(member.phone)}</span>],
          [t("rosters.members.gender"), t(`catalog.genders.${member.gender}`)],
          [t("rosters.members.birthYear"), member.birthYear?.toString() ?? ""],
          [t("rosters.members.affiliations"), member.affiliations.map((a) => t(`catalog.affiliations.${a}`)).join(", ")],
          [t("rosters.members.joinedOn"), date(member.joinedOn)],
          [t("rosters.members.leftOn"), date(member.leftOn)],
          [t("rosters.members.lastTrainedOn"), date(member.lastTrainedOn)],
          [t("rosters.common.updatedAt"), formatDateTime(locale, member.updatedAt)],
        ]}
      />
      {editable && (
        <section className={cardClass}>
          <MemberForm action={updateMemberAction} member={member} teams={teams.map((o) => ({ value: String(o.id), label: o.name }))} />
        </section>
      )}
      {canWrite && (
        <section className={cardClass}>
          {member.deletedAt ? (
            <RecordOperation action={restoreMemberAction} id={member.id} label={t("rosters.common.restore")} />
          ) : (
            <RecordOperation action={removeMemberAction} id={member.id} version={member.version} label={t("rosters.common.remove")} danger confirm={t("rosters.common.confirmRemove")} />
          )}
        </section>
      )}
    </div>
  );
}
