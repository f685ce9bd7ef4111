import { readQuery } from "@/lib/validation/primitives";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Pagination } from "@/components/ui/pagination";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { auditListSchema, listAuditEvents } from "@/lib/dal/audit-log";
import { requireActor } from "@/lib/dal/session";
import { formatDateTime } from "@/lib/format";
import vi from "@/messages/vi";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

/** Audit action codes (`team.create`…): the catalogue nests them by entity, as next-intl reads dots as nesting. */
const ACTIONS = Object.entries(vi.audit.actions).flatMap(([entity, actions]) => Object.keys(actions).map((action) => `${entity}.${action}`));

function Changes({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  if (!keys.length) return null;
  return (
    <ul className="text-xs text-slate-700">
      {keys.map((k) => (
        <li key={k}>
          <span className="font-medium">{k}</span>: {b[k] === undefined ? "" : <del>{String(b[k])}</del>} {a[k] === undefined ? "" : <ins>{String(a[k])}</ins>}
        </li>
      ))}
    </ul>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const query = await searchParams;
  const params = readQuery(auditListSchema, query).data;
  const { rows, total } = await listAuditEvents(actor, params);
  const t = await getTranslations("audit");
  const locale = await getLocale();
  const actionLabel = (a: string) => (ACTIONS.includes(a) ? t(`actions.${a}` as "actions.auth.sign_in") : a);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <form method="get" className={`${cardClass} flex flex-wrap items-end gap-3`}>
        <label className="min-w-56 flex-1 text-sm">
          <span className="block text-slate-700">{t("search")}</span>
          <input type="search" name="q" defaultValue={params.q} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="block text-slate-700">{t("action")}</span>
          <select name="action" defaultValue={params.action} className={inputClass}>
            <option value="">{t("allActions")}</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-slate-700">{t("from")}</span>
          <input type="date" name="from" defaultValue={params.from} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="block text-slate-700">{t("to")}</span>
          <input type="date" name="to" defaultValue={params.to} className={inputClass} />
        </label>
        <button type="submit" className={buttonClass.secondary}>
          {t("filter")}
        </button>
      </form>
      <section className={cardClass}>
        {rows.length === 0 ? (
          <p>{t("empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[48rem] text-sm">
              <thead>
                <tr className="border-b text-left text-slate-600">
                  <th scope="col" className="py-2 pr-3">{t("at")}</th>
                  <th scope="col" className="py-2 pr-3">{t("actor")}</th>
                  <th scope="col" className="py-2 pr-3">{t("action")}</th>
                  <th scope="col" className="py-2 pr-3">{t("record")}</th>
                  <th scope="col" className="py-2 pr-3">{t("changes")}</th>
                  <th scope="col" className="py-2 pr-3">{t("address")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className="border-b align-top last:border-0">
                    <td className="whitespace-nowrap py-2 pr-3 tabular-nums">{formatDateTime(locale, r.at)}</td>
                    <td className="py-2 pr-3">{r.actorUsername ?? "—"}</td>
                    <td className="py-2 pr-3">{actionLabel(r.action)}</td>
                    <td className="py-2 pr-3">
                      {r.entity} {r.entityId}
                    </td>
                    <td className="py-2 pr-3">
                      <Changes before={r.before} after={r.after} />
                    </td>
                    <td className="py-2 pr-3">{r.ip ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination path="/audit" query={query} page={params.page} pageSize={params.pageSize} total={total} />
      </section>
    </div>
  );
}
