import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getTranslations } from "@/i18n/server";
import { AccountCreateForm } from "@/components/accounts/account-forms";
import { buttonClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/dal/session";
import { listCommunes, listProvinces } from "@/lib/dal/units";
import { createAccountAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts"))("new") };
}

export default async function NewAccountPage() {
  const actor = await requireActor();
  if (actor.role === "commune") notFound();
  const t = await getTranslations("accounts");
  const provinces = await listProvinces(actor);
  const communes = actor.role === "provincial" ? await listCommunes(actor, actor.provinceCode!) : [];
  return (
    <div className="space-y-4">
      <Link href="/accounts" className={buttonClass.link}>
        ← {t("back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("new")}</h1>
      <AccountCreateForm
        action={createAccountAction}
        roles={actor.role === "national" ? ["provincial"] : ["commune"]}
        provinces={provinces}
        communes={communes}
      />
    </div>
  );
}
