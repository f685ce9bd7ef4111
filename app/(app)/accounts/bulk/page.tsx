import type { Metadata } from "next";
import { getTranslations } from "@/i18n/server";
import { BulkLeadsForm } from "@/components/home/bulk-leads-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import Link from "@/components/ui/link";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { communesWithoutLead } from "@/lib/dal/account-bulk";
import { orNotFound } from "@/lib/dal/not-found";
import { requireActor } from "@/lib/dal/session";
import { createCommuneLeadsAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("week"))("bulkTitle") };
}

export default async function BulkAccountsPage() {
  const actor = await requireActor();
  const communes = await orNotFound(communesWithoutLead(actor));
  const t = await getTranslations("week");
  return (
    <div className="space-y-4">
      <Link href="/accounts" className={buttonClass.link}>
        ← {t("back")}
      </Link>
      <div>
        <h1 className="text-2xl font-bold">{t("bulkTitle")}</h1>
        <p className="text-sm text-slate-600">{t("bulkIntro")}</p>
      </div>
      {communes.length === 0 ? (
        <p className={cardClass}>{t("bulkNone")}</p>
      ) : (
        <ClientMessages namespaces={["week", "errors"]}>
          <BulkLeadsForm action={createCommuneLeadsAction} communes={communes} />
        </ClientMessages>
      )}
    </div>
  );
}
