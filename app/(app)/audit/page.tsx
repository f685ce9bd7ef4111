import { readQuery } from "@/lib/validation/primitives";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "@/i18n/server";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { describeAuditEvent, type AuditChange, type Translate } from "@/lib/audit/describe";
import { auditListSchema, listAuditEvents } from "@/lib/dal/audit-log";
import { auditNames } from "@/lib/dal/audit-names";
import { requireActor } from "@/lib/dal/session";
import { formatDateTime, formatNumber } from "@/lib/format";
import vi from "@/messages/vi";
import { QueryNotice } from "@/components/notices/query-notice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

/** Audit action codes (`team.create`…): the catalogue nests them by entity, as next-intl reads dots as nesting. */
const ACTIONS = Object.entries(vi.audit.actions).flatMap(([entity, actions]) => Object.keys(actions).map((action) => `${entity}.${action}`));

/** One change of an event: the value before and after, or only the one that was set or cleared. */
function Change({ change }: { change: AuditChange }) {
  return (
    <li>
      <span className="font-medium">{change.label}:</span> {change.before !== null && <del className="text-slate-600">{change.before}</del>}
      {change.before !== null && change.after !== null && <span aria-hidden> → </span>}
      {change.after !== null && <ins className="no-underline">{change.after}</ins>}
    </li>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const query = await searchParams;
  const { data: params, invalid } = readQuery(auditListSchema, query);
  const { rows, total, capped, previous, next } = await listAuditEvents(actor, params);
  const t = await getTranslations("audit");
  const translate = (await getTranslations()) as unknown as Translate;
  const locale = await getLocale();
  const { names, actorNames } = await auditNames(actor, rows);
  const actionLabel = (a: string) => (ACTIONS.includes(a) ? t(`actions.${a}` as "actions.auth.sign_in") : a);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <QueryNotice invalid={invalid} />
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
        <p className="mb-2 text-sm text-slate-600" aria-live="polite">
          {t(capped ? "totalMore" : "total", { count: formatNumber(locale, total) })}
        </p>
        {rows.length === 0 ? (
          <p>{t("empty")}</p>
        ) : (
          <ol className="divide-y divide-slate-100" data-testid="audit-events">
            {rows.map((r) => {
              const { sentence, changes } = describeAuditEvent({ ...r, actorName: r.actorUsername ? actorNames[r.actorUsername] : null }, names, translate, locale);
              return (
                <li key={r.id} className="py-3 first:pt-0">
                  <p className="font-medium">{sentence}</p>
                  <p className="text-sm text-slate-600">
                    <time dateTime={new Date(r.at).toISOString()} className="tabular-nums">
                      {formatDateTime(locale, r.at)}
                    </time>
                    {" · "}
                    {actionLabel(r.action)}
                    {r.ip && (
                      <>
                        {" · "}
                        {t("address")} {r.ip}
                      </>
                    )}
                  </p>
                  {changes.length > 0 && (
                    <ul className="mt-1 space-y-0.5 text-sm text-slate-800">
                      {changes.map((c) => (
                        <Change key={c.field} change={c} />
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ol>
        )}
        <KeysetPagination path="/audit" query={query} page={params.page} pageSize={params.pageSize} total={total} capped={capped} previous={previous} next={next} />
      </section>
    </div>
  );
}
