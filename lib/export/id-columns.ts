import type { ExportColumn } from "@/lib/export/tabular";

type Translate = (key: string) => string;
type IdKey = "memberId" | "teamId" | "hamletId" | "provinceCode" | "communeCode" | "trainingId" | "recordId";

/**
 * Stable identifiers an analyst joins exports on (ids of members, teams, hamlets, trainings and
 * records; province and commune codes), placed before the names, which change.
 */
export function idColumns<T>(t: Translate, ids: Partial<Record<IdKey, (row: T) => string | number | null>>): ExportColumn<T>[] {
  return (Object.entries(ids) as [IdKey, (row: T) => string | number | null][]).map(([key, value]) => ({
    header: t(`downloads.ids.${key}`),
    value,
    width: key === "hamletId" ? 18 : 14,
  }));
}
