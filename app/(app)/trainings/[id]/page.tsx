import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { formValuesOf } from "@/components/trainings/form-values";
import { TrainingForm } from "@/components/trainings/training-form";
import { TrainingRemove } from "@/components/trainings/training-remove";
import { FormAlert } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { actorUnitCode } from "@/lib/dal/actor";
import { idOrNotFound, orNotFound } from "@/lib/dal/not-found";
import { requireActor } from "@/lib/dal/session";
import { getTrainingForEdit, listTrainingAttendance, searchAttendees } from "@/lib/dal/trainings";
import { getUnit } from "@/lib/dal/units";
import { vnToday } from "@/lib/domain/period";
import { formatDate, formatDateTime, formatNumber } from "@/lib/format";
import { removeTrainingAction, searchAttendeesAction, updateTrainingAction } from "../actions";
import { scrollRegion } from "@/components/ui/scroll-region";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("trainings"))("title") };
}

const PAGE_SIZE = 100;

function isLink(value: string): boolean {
  return /^https?:\/\/\S+$/i.test(value);
}

export default async function TrainingPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const actor = await requireActor();
  const page = Math.max(1, Math.min(100000, Number(query.page) || 1));
  const { rows: attendees, total: shown, training } = await orNotFound(listTrainingAttendance(actor, idOrNotFound(id), { page, pageSize: PAGE_SIZE }));
  const t = await getTranslations();
  const locale = await getLocale();
  const today = vnToday();
  const organiser = training.communeName ?? training.provinceName ?? t("trainings.national");

  if (query.edit && training.canManage) {
    const editable = await orNotFound(getTrainingForEdit(actor, training.id));
    const unit = await getUnit(actor, actorUnitCode(actor));
    return (
      <div className="space-y-4">
        <Link href={`/trainings/${training.id}`} className={buttonClass.link}>
          ← {training.title}
        </Link>
        <h1 className="text-2xl font-bold">
          {t("trainings.edit")}: {training.title}
        </h1>
        {editable.hiddenAttendance > 0 && <p className="text-sm text-slate-700">{t("trainings.hiddenAttendance", { count: formatNumber(locale, editable.hiddenAttendance) })}</p>}
        <TrainingForm
          action={updateTrainingAction}
          search={searchAttendeesAction}
          initial={formValuesOf(editable, locale)}
          record={{ id: editable.id, version: editable.version }}
          unitCode={unit.code}
          unitLabel={unit.name}
          placeDetail={actor.role === "national" ? "province" : actor.role === "provincial" ? "commune" : "none"}
          initialTeams={actor.role === "commune" ? await searchAttendees(actor, { q: "" }) : undefined}
          today={today}
          cancelHref={`/trainings/${training.id}`}
        />
      </div>
    );
  }

  const facts: [string, React.ReactNode][] = [
    [t("trainings.fields.heldOn"), formatDate(locale, training.heldOn) + (training.heldOn > today ? ` (${t("trainings.view.planned")})` : "")],
    [t("trainings.fields.organiser"), `${organiser} · ${t(`catalog.trainingLevels.${training.level}`)}`],
    [t("trainings.fields.format"), t(`catalog.trainingFormats.${training.format}`)],
    [t("trainings.fields.hours"), formatNumber(locale, training.hours, training.hours % 1 ? 1 : 0)],
    [
      training.format === "online" ? t("trainings.fields.link") : t("trainings.fields.location"),
      training.location ? (
        isLink(training.location) ? (
          <a href={training.location} rel="noopener noreferrer nofollow" target="_blank" className={`${buttonClass.link} break-all`}>
            {training.location}
          </a>
        ) : (
          training.location
        )
      ) : (
        "—"
      ),
    ],
    [t("trainings.fields.attendance"), formatNumber(locale, training.attendance)],
    [t("trainings.fields.outsideParticipants"), formatNumber(locale, training.outsideParticipants)],
    [t("trainings.fields.totalParticipants"), formatNumber(locale, training.attendance + training.outsideParticipants)],
    [t("trainings.view.updatedAt"), formatDateTime(locale, training.updatedAt)],
  ];

  return (
    <div className="space-y-4">
      <Link href="/trainings" className={buttonClass.link}>
        ← {t("trainings.back")}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold break-words">{training.title}</h1>
          <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={t("trainings.fields.topics")}>
            {training.topics.map((topic) => (
              <li key={topic} className="rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-medium text-brand-800 ring-1 ring-brand-100">
                {t(`catalog.trainingTopics.${topic}`)}
              </li>
            ))}
          </ul>
        </div>
        {training.canManage && (
          <div className="flex flex-wrap items-start gap-2">
            <Link href={`/trainings/${training.id}?edit=1`} className={buttonClass.primary}>
              {t("trainings.edit")}
            </Link>
            <TrainingRemove action={removeTrainingAction} id={training.id} version={training.version} />
          </div>
        )}
      </div>
      {query.created && <FormAlert tone="success">{t("trainings.created")}</FormAlert>}
      {query.saved && <FormAlert tone="success">{t("trainings.saved")}</FormAlert>}
      {!training.canManage && <p className="text-sm text-slate-600">{t("trainings.view.readOnly", { unit: organiser })}</p>}
      <section className={cardClass}>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 lg:grid-cols-3">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs font-semibold uppercase text-slate-600">{label}</dt>
              <dd className="mt-0.5 text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className={cardClass} aria-labelledby="attendance-heading">
        <h2 id="attendance-heading" className="text-lg font-semibold">
          {t("trainings.fields.attendance")} ({formatNumber(locale, training.attendance)})
        </h2>
        {shown < training.attendance && (
          <p className="mt-1 text-sm text-slate-600">
            {t("trainings.view.attendanceShown", { shown: formatNumber(locale, shown), total: formatNumber(locale, training.attendance) })}
          </p>
        )}
        {attendees.length === 0 ? (
          <p className="mt-2 text-slate-700">{t("trainings.view.noAttendance")}</p>
        ) : (
          <div className="mt-3 overflow-x-auto" {...scrollRegion(t("trainings.fields.attendance"))}>
            <table className="w-full min-w-[36rem] text-left text-sm">
              <caption className="sr-only">{t("trainings.fields.attendance")}</caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("trainings.view.name")}</th>
                  <th scope="col" className="px-3 py-2">{t("trainings.view.position")}</th>
                  <th scope="col" className="px-3 py-2">{t("trainings.view.team")}</th>
                  {actor.role !== "commune" && <th scope="col" className="px-3 py-2">{t("trainings.view.commune")}</th>}
                  <th scope="col" className="px-3 py-2">{t("trainings.view.phone")}</th>
                </tr>
              </thead>
              <tbody>
                {attendees.map((a) => (
                  <tr key={a.id} className="border-t border-slate-100">
                    <td className="px-3 py-2 font-medium">{a.fullName}</td>
                    <td className="px-3 py-2">{t(`catalog.positions.${a.position}`)}</td>
                    <td className="px-3 py-2">{a.teamName}</td>
                    {actor.role !== "commune" && <td className="px-3 py-2">{actor.role === "national" ? `${a.communeName}, ${a.provinceName}` : a.communeName}</td>}
                    <td className="whitespace-nowrap px-3 py-2">{a.phone ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {shown > PAGE_SIZE && <Pagination path={`/trainings/${training.id}`} query={query} page={page} pageSize={PAGE_SIZE} total={shown} />}
      </section>
    </div>
  );
}
