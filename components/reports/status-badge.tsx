import type { ReportDisplayStatus } from "@/lib/validation/reports";

const TONES: Record<ReportDisplayStatus, string> = {
  open: "bg-sky-100 text-sky-900",
  submitted: "bg-emerald-100 text-emerald-900",
  submitted_late: "bg-amber-100 text-amber-900",
  approved: "bg-emerald-700 text-white",
  returned: "bg-orange-100 text-orange-900",
  missing: "bg-red-100 text-red-900",
};

export function ReportStatusBadge({ status, label }: { status: ReportDisplayStatus; label: string }) {
  return (
    <span className={`inline-block whitespace-nowrap rounded px-1.5 text-sm ${TONES[status]}`} data-status={status}>
      {label}
    </span>
  );
}
