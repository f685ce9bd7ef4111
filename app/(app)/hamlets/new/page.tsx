import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getTranslations } from "@/i18n/server";
import { HamletForm } from "@/components/rosters/hamlet-form";
import { writableCommuneOptions } from "@/components/rosters/unit-selects";
import { buttonClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/dal/session";
import { createHamletAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rosters.hamlets"))("new") };
}

export default async function NewHamletPage() {
  const actor = await requireActor();
  if (actor.role === "national") notFound();
  const t = await getTranslations("rosters");
  return (
    <div className="space-y-4">
      <Link href="/hamlets" className={buttonClass.link}>
        ← {t("common.back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("hamlets.new")}</h1>
      <HamletForm action={createHamletAction} communes={await writableCommuneOptions(actor)} />
    </div>
  );
}
