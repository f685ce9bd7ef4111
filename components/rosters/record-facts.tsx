/** Read-only facts about a record, as a definition list that wraps on a phone. */
export function RecordFacts({ facts }: { facts: [string, React.ReactNode][] }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-2 lg:grid-cols-3">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt className="text-slate-600">{label}</dt>
          <dd className="font-medium text-slate-900">{value || "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
