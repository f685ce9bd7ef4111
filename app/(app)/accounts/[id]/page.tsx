import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { AccountEditForm, AccountOperation, LeadPhoneForm } from "@/components/accounts/account-forms";
import { FormAlert } from "@/components/ui/field";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { getLeadPhone } from "@/lib/dal/account-bulk";
import { canManage, getAccount } from "@/lib/dal/accounts";
import { idOrNotFound, orNotFound } from "@/lib/dal/not-found";
import { requireActor } from "@/lib/dal/session";
import { listCommunes, listProvinces } from "@/lib/dal/units";
import { formatPhone } from "@/lib/domain/phone";
import { formatDateTime } from "@/lib/format";
import { disableAccountAction, resetPasswordAction, updateAccountAction, updateLeadPhoneAction } from "../actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts"))("title") };
}

export default async function AccountPage({ params, searchParams }: Props) {
  const [{ id }, { created }] = await Promise.all([params, searchParams]);
  const actor = await requireActor();
  const account = await orNotFound(getAccount(actor, idOrNotFound(id)));
  const t = await getTranslations();
  const locale = await getLocale();
  const provinces = await listProvinces(actor);
  const communes = account.role === "commune" && account.provinceCode ? await listCommunes(actor, account.provinceCode) : [];
  const manageable = canManage(actor, account);
  // Commune leads carry the phone number the province reminds them on.
  const phone = manageable && account.role === "commune" ? await getLeadPhone(actor, account.id) : undefined;
  return (
    <div className="space-y-4">
      <Link href="/accounts" className={buttonClass.link}>
        ← {t("accounts.back")}
      </Link>
      <div>
        <h1 className="text-2xl font-bold">{account.username}</h1>
        <p className="text-sm text-slate-600">
          {t(`roles.${account.role}`)} · {account.communeName ?? account.provinceName ?? "Việt Nam"} ·{" "}
          {account.disabledAt ? t("accounts.disabled") : t("accounts.active")}
          {account.mustChangePassword ? ` · ${t("accounts.mustChange")}` : ""} · {t("accounts.lastSignIn")}:{" "}
          {account.lastSignInAt ? formatDateTime(locale, account.lastSignInAt) : t("accounts.never")}
        </p>
      </div>
      {created && <FormAlert tone="success">{t("accounts.created")}</FormAlert>}
      {!manageable && <p className={`${cardClass} text-sm text-slate-700`}>{t("accounts.nationalReadOnly")}</p>}
      {manageable && (
        <section className={cardClass}>
          <AccountEditForm
            action={updateAccountAction}
            account={{ id: account.id, version: account.version, fullName: account.fullName, role: account.role, provinceCode: account.provinceCode, communeCode: account.communeCode }}
            provinces={provinces}
            communes={communes}
          />
        </section>
      )}
      {phone !== undefined && (
        <section className={cardClass}>
          <LeadPhoneForm action={updateLeadPhoneAction} id={account.id} phone={phone ? formatPhone(phone) : ""} />
        </section>
      )}
      {manageable && account.id !== actor.userId && (
        <section className={`${cardClass} flex flex-wrap gap-6`}>
          <AccountOperation action={resetPasswordAction} id={account.id} label={t("accounts.resetPassword")} />
          <AccountOperation
            action={disableAccountAction}
            id={account.id}
            extra={{ disabled: account.disabledAt ? "0" : "1" }}
            label={account.disabledAt ? t("accounts.enable") : t("accounts.disable")}
            danger={!account.disabledAt}
          />
        </section>
      )}
    </div>
  );
}
