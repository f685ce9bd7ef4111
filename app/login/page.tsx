import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { getTranslations } from "@/i18n/server";
import { LoginForm } from "@/components/auth/login-form";
import { LocaleSwitcher } from "@/components/shell/locale-switcher";
import { signOutAction } from "@/app/actions/session";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { actorUnitCode } from "@/lib/dal/actor";
import { getActor } from "@/lib/dal/session";
import { getUnit } from "@/lib/dal/units";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

export default async function LoginPage() {
  const t = await getTranslations();
  const actor = await getActor();
  const unit = actor ? await getUnit(actor, actorUnitCode(actor)) : null;
  return (
    <div className="min-h-screen bg-gradient-to-b from-brand-800 to-brand-700">
      <header className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3 text-white">
        <span className="font-semibold">{t("app.short")}</span>
        <LocaleSwitcher back="/login" />
      </header>
      <main id="main" className="mx-auto flex max-w-5xl flex-col items-center px-4 pb-16 pt-6">
        <h1 className="text-center text-2xl font-bold text-white sm:text-3xl">{t("app.name")}</h1>
        <p className="mt-2 max-w-xl text-center text-brand-100">{t("app.tagline")}</p>
        <div className={`${cardClass} mt-8 w-full max-w-sm p-6`}>
          {actor && unit ? (
            <div className="space-y-4">
              <p className="text-sm text-slate-800">
                {t("login.signedInAs", { name: actor.fullName, role: t(`roles.${actor.role}`), unit: unit.name })}
              </p>
              <div className="flex gap-2">
                <Link href="/" className={buttonClass.primary}>
                  {t("nav.dashboard")}
                </Link>
                <form action={signOutAction}>
                  <button type="submit" className={buttonClass.secondary}>
                    {t("nav.signOut")}
                  </button>
                </form>
              </div>
            </div>
          ) : (
            <>
              <h2 className="mb-4 text-xl font-semibold">{t("login.title")}</h2>
              <LoginForm />
              <p className="mt-4 text-sm text-slate-600">{t("login.help")}</p>
            </>
          )}
        </div>
      </main>
    </div>
  );
}
