import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { getTranslations } from "@/i18n/server";
import { TrainingForm } from "@/components/trainings/training-form";
import { buttonClass } from "@/components/ui/styles";
import { actorUnitCode } from "@/lib/dal/actor";
import { requireActor } from "@/lib/dal/session";
import { searchAttendees } from "@/lib/dal/trainings";
import { getUnit } from "@/lib/dal/units";
import { vnToday } from "@/lib/domain/period";
import { createTrainingAction, searchAttendeesAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("trainings"))("new") };
}

export default async function NewTrainingPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const unit = await getUnit(actor, actorUnitCode(actor));
  const today = vnToday();
  return (
    <div className="space-y-4">
      <Link href="/trainings" className={buttonClass.link}>
        ← {t("trainings.back")}
      </Link>
      <div>
        <h1 className="text-2xl font-bold">{t("trainings.new")}</h1>
        <p className="text-sm text-slate-600">
          {t("trainings.fields.organiser")}: {unit.level === "national" ? t("trainings.national") : unit.name} ·{" "}
          {t(`catalog.trainingLevels.${actor.role}`)}
        </p>
      </div>
      <TrainingForm
        action={createTrainingAction}
        search={searchAttendeesAction}
        initial={{ title: "", topics: [], heldOn: today, hours: "", format: "in_person", location: "", outsideParticipants: "0", attendees: [] }}
        unitCode={unit.code}
        unitLabel={unit.name}
        placeDetail={actor.role === "national" ? "province" : actor.role === "provincial" ? "commune" : "none"}
        initialTeams={actor.role === "commune" ? await searchAttendees(actor, { q: "" }) : undefined}
        today={today}
        cancelHref="/trainings"
      />
    </div>
  );
}
