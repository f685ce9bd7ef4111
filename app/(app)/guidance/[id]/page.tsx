import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { GuidanceEditForm, GuidanceRemoveForm } from "@/components/guidance/guidance-edit-form";
import { FormAlert } from "@/components/ui/field";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { vnToday } from "@/lib/domain/period";
import { canWriteGuidance, getGuidance, listGuidanceTeams } from "@/lib/dal/guidance";
import { idOrNotFound, orNotFound } from "@/lib/dal/not-found";
import { requireActor } from "@/lib/dal/session";
import { formatDate, formatDateTime, formatNumber } from "@/lib/format";
import { removeGuidanceAction, updateGuidanceAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("guidance"))("title") };
}

type Props = { params: Promise<{ id: string }> };

export default async function GuidanceRecordPage({ params }: Props) {
  const { id } = await params;
  const actor = await requireActor();
  const record = await orNotFound(getGuidance(actor, idOrNotFound(id, "bigint")));
  const t = await getTranslations();
  const locale = await getLocale();
  const editable = canWriteGuidance(actor) && !record.locked;
  const teams = editable ? await listGuidanceTeams(actor) : [];
  if (editable && !teams.some((x) => x.id === record.teamId)) {
    teams.unshift({ id: record.teamId, name: record.teamName, communeCode: record.communeCode, communeName: record.communeName });
  }
  const n = (v: number) => formatNumber(locale, v);
  return (
    <div className="space-y-4">
      <Link href="/guidance" className={buttonClass.link}>
        ← {t("guidance.back")}
      </Link>
      <div>
        <h1 className="text-2xl font-bold">{t("guidance.editTitle", { date: formatDate(locale, record.guidedOn) })}</h1>
        <p className="text-sm text-slate-600">
          {record.teamName} · {record.communeName}, {record.provinceName} · {t("guidance.updatedAt")}: {formatDateTime(locale, record.updatedAt)}
        </p>
      </div>
      {record.locked && <FormAlert tone="error">{t("guidance.lockedNotice")}</FormAlert>}
      {editable ? (
        <>
          <section className={cardClass}>
            <GuidanceEditForm
              action={updateGuidanceAction}
              teams={teams}
              today={vnToday()}
              record={{
                id: record.id,
                version: record.version,
                teamName: record.teamName,
                updatedAt: record.updatedAt.toISOString(),
                teamId: String(record.teamId),
                guidedOn: record.guidedOn,
                skill: String(record.skill),
                targetGroup: record.targetGroup,
                householdsVisited: String(record.householdsVisited),
                peopleGuided: String(record.peopleGuided),
                peopleCompleted: String(record.peopleCompleted),
                note: record.note ?? "",
              }}
            />
          </section>
          <section className={cardClass}>
            <GuidanceRemoveForm action={removeGuidanceAction} id={record.id} version={record.version} />
          </section>
        </>
      ) : (
        <section className={cardClass}>
          {!record.locked && <p className="mb-2 text-sm text-slate-600">{t("guidance.readOnly")}</p>}
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <div><dt className="text-slate-600">{t("guidance.team")}</dt><dd>{record.teamName}</dd></div>
            <div><dt className="text-slate-600">{t("guidance.date")}</dt><dd>{formatDate(locale, record.guidedOn)}</dd></div>
            <div><dt className="text-slate-600">{t("guidance.skill")}</dt><dd>{record.skill}. {t(`catalog.skills.${record.skill}`)}</dd></div>
            <div><dt className="text-slate-600">{t("guidance.targetGroup")}</dt><dd>{t(`catalog.targetGroups.${record.targetGroup}`)}</dd></div>
            <div><dt className="text-slate-600">{t("guidance.householdsVisited")}</dt><dd>{n(record.householdsVisited)}</dd></div>
            <div><dt className="text-slate-600">{t("guidance.peopleGuided")}</dt><dd>{n(record.peopleGuided)}</dd></div>
            <div><dt className="text-slate-600">{t("guidance.peopleCompleted")}</dt><dd>{n(record.peopleCompleted)}</dd></div>
            <div><dt className="text-slate-600">{t("guidance.note")}</dt><dd>{record.note ?? "—"}</dd></div>
          </dl>
        </section>
      )}
    </div>
  );
}
