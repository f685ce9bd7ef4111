/** One figure; `asAt` names the day a roster figure describes ("tại ngày 31/10/2026"). */
export function KpiCard({ label, value, detail, asAt }: { label: string; value: string; detail?: string; asAt?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4">
      <p className="text-sm text-slate-600">
        {label}
        {asAt && <span className="block text-xs text-slate-500">{asAt}</span>}
      </p>
      <p className="mt-1 text-xl font-bold tabular-nums text-slate-900 sm:text-2xl">{value}</p>
      {detail && <p className="mt-1 text-sm text-slate-600">{detail}</p>}
    </div>
  );
}
