"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { PERIOD_KINDS, periodOf, periodValue, type PeriodKind } from "@/lib/indicators/period-kinds";
import { lastDayOfMonth } from "@/lib/domain/period";

type Labels = Record<PeriodKind | "kind" | "month" | "quarter" | "year" | "from" | "to" | "apply", string>;

/** Month, quarter, year or custom range; the choice is written to the URL as kind, from and to. */
export function PeriodPicker({ kind, from, to, years, labels }: { kind: PeriodKind; from: string; to: string; years: number[]; labels: Labels }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [current, setCurrent] = useState<PeriodKind>(kind);
  const period = { from, to };
  const [month, setMonth] = useState(periodValue("month", period));
  const [quarter, setQuarter] = useState(periodValue("quarter", period));
  const [year, setYear] = useState(periodValue("year", period));
  const [customFrom, setCustomFrom] = useState(from.slice(0, 7));
  const [customTo, setCustomTo] = useState(to.slice(0, 7));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const chosen =
      current === "custom"
        ? customFrom && customTo && customFrom <= customTo
          ? { from: `${customFrom}-01`, to: lastDayOfMonth(`${customTo}-01`) }
          : null
        : periodOf(current, current === "month" ? month : current === "quarter" ? quarter : year);
    if (!chosen) return;
    const params = new URLSearchParams(search.toString());
    params.set("kind", current);
    params.set("from", chosen.from);
    params.set("to", chosen.to);
    startTransition(() => router.push(`${pathname}?${params}`, { scroll: false }));
  };

  const id = useId();
  const field = "block text-sm text-slate-700";
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-busy={pending} data-testid="period-picker">
      <div>
        <label htmlFor={`${id}-kind`} className={field}>
          {labels.kind}
        </label>
        <select id={`${id}-kind`} value={current} onChange={(e) => setCurrent(e.target.value as PeriodKind)} className={inputClass}>
          {PERIOD_KINDS.map((k) => (
            <option key={k} value={k}>
              {labels[k]}
            </option>
          ))}
        </select>
      </div>
      {current === "month" && (
        <div>
          <label htmlFor={`${id}-value`} className={field}>
            {labels.month}
          </label>
          <input id={`${id}-value`} type="month" value={month} onChange={(e) => setMonth(e.target.value)} className={inputClass} required />
        </div>
      )}
      {current === "quarter" && (
        <div>
          <label htmlFor={`${id}-value`} className={field}>
            {labels.quarter}
          </label>
          <select id={`${id}-value`} value={quarter} onChange={(e) => setQuarter(e.target.value)} className={inputClass}>
            {years.flatMap((y) =>
              [4, 3, 2, 1].map((q) => (
                <option key={`${y}-Q${q}`} value={`${y}-Q${q}`}>
                  {`Q${q}/${y}`}
                </option>
              )),
            )}
          </select>
        </div>
      )}
      {current === "year" && (
        <div>
          <label htmlFor={`${id}-value`} className={field}>
            {labels.year}
          </label>
          <select id={`${id}-value`} value={year} onChange={(e) => setYear(e.target.value)} className={inputClass}>
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </div>
      )}
      {current === "custom" && (
        <>
          <div>
            <label htmlFor={`${id}-from`} className={field}>
              {labels.from}
            </label>
            <input id={`${id}-from`} type="month" value={customFrom} onChange={(e) => setCustomFrom(e.target.value)} className={inputClass} required />
          </div>
          <div>
            <label htmlFor={`${id}-to`} className={field}>
              {labels.to}
            </label>
            <input id={`${id}-to`} type="month" value={customTo} min={customFrom} onChange={(e) => setCustomTo(e.target.value)} className={inputClass} required />
          </div>
        </>
      )}
      <button type="submit" className={buttonClass.secondary} disabled={pending}>
        {labels.apply}
      </button>
    </form>
  );
}
