export function KpiCard({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 text-2xl font-bold tabular-nums text-slate-900">{value}</p>
      {detail && <p className="mt-1 text-sm text-slate-600">{detail}</p>}
    </div>
  );
}

/** Horizontal bars, readable without colour: every bar carries its figure. */
export function BarList({ rows, total }: { rows: { label: string; value: number; display: string; secondary?: string }[]; total: number }) {
  return (
    <ul className="space-y-2">
      {rows.map((r) => (
        <li key={r.label}>
          <div className="flex justify-between gap-2 text-sm">
            <span>{r.label}</span>
            <span className="tabular-nums text-slate-700">
              {r.display}
              {r.secondary && <span className="text-slate-500"> · {r.secondary}</span>}
            </span>
          </div>
          <div className="mt-1 h-2 rounded bg-slate-100" aria-hidden>
            <div className="h-2 rounded bg-brand-600" style={{ width: `${total ? Math.round((r.value / total) * 100) : 0}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}
