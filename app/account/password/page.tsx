import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { getTranslations } from "@/i18n/server";
import { PasswordChangeForm } from "@/components/accounts/account-forms";
import { FormAlert } from "@/components/ui/field";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { changePasswordAction } from "@/app/(app)/accounts/actions";
import { requireCallerAllowingTemporaryPassword } from "@/lib/dal/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("password"))("title") };
}

/** Outside the signed-in layout so that a user with a temporary password can reach it. */
export default async function PasswordPage() {
  const actor = await requireCallerAllowingTemporaryPassword();
  const t = await getTranslations();
  return (
    <main id="main" className="mx-auto max-w-xl space-y-4 px-4 py-8">
      <Link href="/" className={buttonClass.link}>
        ← {t("nav.dashboard")}
      </Link>
      <h1 className="text-2xl font-bold">{t("password.title")}</h1>
      <p className="text-sm text-slate-600">{actor.fullName} · {actor.username}</p>
      {actor.mustChangePassword && <FormAlert tone="error">{t("password.mustChange")}</FormAlert>}
      <section className={cardClass}>
        <PasswordChangeForm action={changePasswordAction} />
      </section>
    </main>
  );
}
