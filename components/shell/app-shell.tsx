import Link from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/actions/session";
import type { Actor } from "@/lib/dal/actor";
import type { Unit } from "@/lib/dal/units";
import { LocaleSwitcher } from "./locale-switcher";

export async function AppShell({ actor, unit, path, children }: { actor: Actor; unit: Unit; path: string; children: React.ReactNode }) {
  const t = await getTranslations();
  const links = [
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
    { href: "/account/password", label: t("nav.password"), show: true },
  ].filter((l) => l.show);
  const active = (href: string) => (href === "/" ? path === "/" || path.startsWith("/units") : path.startsWith(href));
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("app.skip")}
      </a>
      <header className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-2">
          <Link href="/" className="flex items-center gap-2 font-semibold">
            <span aria-hidden className="inline-block h-6 w-6 rounded-full bg-flag text-center text-sm leading-6 text-yellow-300">
              ★
            </span>
            <span>{t("app.short")}</span>
            <span className="hidden text-brand-100 md:inline">· {t("app.name")}</span>
          </Link>
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-sm" data-testid="signed-in-as">
              <span className="font-semibold">{actor.fullName}</span>
              <span className="text-brand-100">
                {" "}
                · {t(`roles.${actor.role}`)} · {unit.name}
              </span>
            </p>
            <LocaleSwitcher back={path} />
            <form action={signOutAction}>
              <button type="submit" className="rounded border border-white/40 px-3 py-1 text-sm hover:bg-white/10">
                {t("nav.signOut")}
              </button>
            </form>
          </div>
        </div>
        <nav aria-label={t("nav.main")} className="border-t border-white/10 bg-brand-700">
          <ul className="mx-auto flex max-w-7xl gap-1 overflow-x-auto px-2">
            {links.map((l) => (
              <li key={l.href}>
                <Link
                  href={l.href}
                  aria-current={active(l.href) ? "page" : undefined}
                  className={`block whitespace-nowrap px-3 py-2 text-sm ${active(l.href) ? "border-b-2 border-white font-semibold" : "text-brand-100 hover:text-white"}`}
                >
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
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
