import { readQuery } from "@/lib/validation/primitives";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "@/i18n/server";
import { Pagination } from "@/components/ui/pagination";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { listAccounts } from "@/lib/dal/accounts";
import { requireActor } from "@/lib/dal/session";
import { formatDateTime, formatNumber } from "@/lib/format";
import { accountListSchema } from "@/lib/validation/accounts";
import { scrollRegion } from "@/components/ui/scroll-region";
import { QueryNotice } from "@/components/notices/query-notice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function AccountsPage({ searchParams }: Props) {
  const actor = await requireActor();
  if (actor.role === "commune") notFound();
  const query = await searchParams;
  const { data: params, invalid } = readQuery(accountListSchema, query);
  const { rows, total } = await listAccounts(actor, params);
  const t = await getTranslations();
  const locale = await getLocale();
  const roles = actor.role === "national" ? (["national", "provincial"] as const) : (["commune"] as const);
  const sortLink = (key: string) => {
    const dir = params.sort === key && params.dir === "asc" ? "desc" : "asc";
    const p = new URLSearchParams(Object.entries({ ...query, sort: key, dir, page: "1" }).filter((e): e is [string, string] => !!e[1]));
    return `/accounts?${p}`;
  };
  const sortState = (key: string) => (params.sort === key ? (params.dir === "asc" ? "ascending" : "descending") : "none");
  const header = (key: string, label: string) => (
    <th scope="col" aria-sort={sortState(key)} className="py-2 pr-3">
      <Link href={sortLink(key)} className="hover:underline">
        {label}
        {params.sort === key ? (params.dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("accounts.title")}</h1>
          <p className="text-sm text-slate-600">{t("accounts.intro")}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {actor.role === "provincial" && (
            <Link href="/accounts/bulk" className={buttonClass.secondary}>
              {t("home.weekOpenBulk")}
            </Link>
          )}
          <Link href="/accounts/new" className={buttonClass.primary}>
            {t("accounts.new")}
          </Link>
        </div>
      </div>
      <QueryNotice invalid={invalid} />
      <form method="get" className={`${cardClass} flex flex-wrap items-end gap-3`}>
        <label className="min-w-60 flex-1 text-sm">
          <span className="block text-slate-700">{t("accounts.search")}</span>
          <input type="search" name="q" defaultValue={params.q} className={inputClass} />
        </label>
        {roles.length > 1 && (
          <label className="text-sm">
            <span className="block text-slate-700">{t("accounts.role")}</span>
            <select name="role" defaultValue={params.role ?? ""} className={inputClass}>
              <option value="">{t("accounts.allRoles")}</option>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="text-sm">
          <span className="block text-slate-700">{t("accounts.status")}</span>
          <select name="status" defaultValue={params.status ?? ""} className={inputClass}>
            <option value="">{t("accounts.allStatuses")}</option>
            <option value="active">{t("accounts.active")}</option>
            <option value="disabled">{t("accounts.disabled")}</option>
          </select>
        </label>
        <button type="submit" className={buttonClass.secondary}>
          {t("table.search")}
        </button>
      </form>
      <section className={cardClass}>
        <p className="mb-2 text-sm text-slate-600" aria-live="polite">
          {t("accounts.total", { count: formatNumber(locale, total) })}
        </p>
        {rows.length === 0 ? (
          <p>{t("accounts.empty")}</p>
        ) : (
          <div className="overflow-x-auto" {...scrollRegion(t("accounts.title"))}>
            <table className="w-full min-w-[40rem] text-sm">
              <thead>
                <tr className="border-b text-left text-slate-600">
                  {header("username", t("accounts.username"))}
                  {header("fullName", t("accounts.fullName"))}
                  {header("role", t("accounts.role"))}
                  {header("unit", t("accounts.unit"))}
                  <th scope="col" className="py-2 pr-3">{t("accounts.status")}</th>
                  {header("lastSignInAt", t("accounts.lastSignIn"))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className="border-b last:border-0">
                    <td className="py-2 pr-3">
                      <Link href={`/accounts/${r.id}`} className="font-medium text-brand-700 hover:underline">
                        {r.username}
                      </Link>
                    </td>
                    <td className="py-2 pr-3">{r.fullName}</td>
                    <td className="py-2 pr-3">{t(`roles.${r.role}`)}</td>
                    <td className="py-2 pr-3">{r.communeName ? `${r.communeName}, ${r.provinceName}` : (r.provinceName ?? "Việt Nam")}</td>
                    <td className="py-2 pr-3">
                      {r.disabledAt ? (
                        <span className="rounded bg-red-100 px-1.5 text-red-900">{t("accounts.disabled")}</span>
                      ) : (
                        <span className="rounded bg-emerald-100 px-1.5 text-emerald-900">{t("accounts.active")}</span>
                      )}
                    </td>
                    <td className="py-2 pr-3">{r.lastSignInAt ? formatDateTime(locale, r.lastSignInAt) : t("accounts.never")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination path="/accounts" query={query} page={params.page} pageSize={params.pageSize} total={total} />
      </section>
    </div>
  );
}
