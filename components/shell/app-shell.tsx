import Link from "@/components/ui/link";
import { getTranslations } from "@/i18n/server";
import { signOutAction } from "@/app/actions/session";
import type { Actor } from "@/lib/dal/actor";
import type { Unit } from "@/lib/dal/units";
import { LocaleSwitcher } from "./locale-switcher";
import { NavLinks, PhoneMenu, type NavLink } from "./nav-links";

export async function AppShell({ actor, unit, path, children }: { actor: Actor; unit: Unit; path: string; children: React.ReactNode }) {
  const t = await getTranslations();
  const links: NavLink[] = [
    { href: "/", label: t("nav.dashboard"), show: true },
    { href: "/hamlets", label: t("nav.hamlets"), show: true },
    { href: "/teams", label: t("nav.teams"), show: true },
    { href: "/members", label: t("nav.members"), show: true },
    { href: "/trainings", label: t("nav.trainings"), show: true },
    { href: "/guidance", label: t("nav.guidance"), show: true },
    { href: "/reports", label: t("nav.reports"), show: true },
    { href: "/history", label: t("nav.history"), show: actor.role === "national" },
    { href: "/accounts", label: t("nav.accounts"), show: actor.role !== "commune" },
    { href: "/audit", label: t("nav.audit"), show: true },
  ]
    .filter((l) => l.show)
    .map(({ href, label }) => ({ href, label }));
  const signOut = (
    <form action={signOutAction}>
      <button type="submit" className="min-h-10 rounded border border-white/40 px-3 py-1 text-sm hover:bg-white/10">
        {t("nav.signOut")}
      </button>
    </form>
  );
  const passwordLink = (
    <Link href="/account/password" className="text-sm text-brand-100 underline-offset-2 hover:text-white hover:underline">
      {t("nav.password")}
    </Link>
  );
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("app.skip")}
      </a>
      <header className="relative bg-brand-800 text-white">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-3 px-4 py-2">
          <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold">
            <span aria-hidden className="inline-block h-6 w-6 rounded-full bg-flag text-center text-sm leading-6 text-yellow-300">
              ★
            </span>
            <span>{t("app.short")}</span>
            <span className="hidden text-brand-100 xl:inline">· {t("app.name")}</span>
          </Link>
          <p className="min-w-0 flex-1 truncate text-right text-sm lg:flex-none" data-testid="signed-in-as">
            <span className="hidden font-semibold lg:inline">{actor.fullName}</span>
            <span className="text-brand-100">
              <span className="hidden lg:inline">
                {" "}
                · {t(`roles.${actor.role}`)} ·{" "}
              </span>
              {unit.name}
            </span>
          </p>
          <div className="hidden items-center gap-3 lg:flex">
            {passwordLink}
            <LocaleSwitcher back={path} />
            {signOut}
          </div>
          <PhoneMenu label={t("nav.menu")}>
            <nav aria-label={t("nav.main")}>
              <NavLinks
                links={links}
                className="grid grid-cols-2 gap-1 pt-3"
                linkClass="flex min-h-11 items-center rounded px-3 py-2 text-sm"
                activeClass="bg-white/20 font-semibold text-white"
                idleClass="text-brand-50 hover:bg-white/10"
              />
            </nav>
            <div className="mt-3 space-y-3 border-t border-white/20 pt-3 text-sm">
              <p>
                <span className="font-semibold">{actor.fullName}</span>
                <span className="text-brand-100">
                  {" "}
                  · {t(`roles.${actor.role}`)} · {unit.name}
                </span>
              </p>
              <LocaleSwitcher back={path} />
              <div className="flex flex-wrap items-center justify-between gap-3">
                {passwordLink}
                {signOut}
              </div>
            </div>
          </PhoneMenu>
        </div>
        <nav aria-label={t("nav.main")} className="hidden border-t border-white/10 bg-brand-700 lg:block">
          <NavLinks
            links={links}
            className="mx-auto flex max-w-7xl flex-wrap gap-x-1 px-2"
            linkClass="block whitespace-nowrap px-3 py-2 text-sm"
            activeClass="border-b-2 border-white font-semibold"
            idleClass="text-brand-100 hover:text-white"
          />
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-4 sm:py-6">
        {children}
      </main>
    </div>
  );
}

export async function Breadcrumb({ trail }: { trail: { href?: string; label: string }[] }) {
  const t = await getTranslations("nav");
  return (
    <nav aria-label={t("breadcrumb")} className="mb-2 text-sm text-slate-600">
      <ol className="flex flex-wrap items-center gap-1">
        {trail.map((item, i) => (
          <li key={i} className="flex items-center gap-1">
            {i > 0 && <span aria-hidden>›</span>}
            {item.href && i < trail.length - 1 ? (
              <a href={item.href} className="text-brand-700 hover:underline">
                {item.label}
              </a>
            ) : (
              <span aria-current={i === trail.length - 1 ? "page" : undefined}>{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
