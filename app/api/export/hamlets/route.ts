import { hamletExportRows, type Hamlet } from "@/lib/dal/hamlets";
import { idColumns } from "@/lib/export/id-columns";
import { rosterExport } from "@/lib/export/roster-exports";
import { hamletListSchema } from "@/lib/validation/rosters";

export async function GET(request: Request) {
  return rosterExport<typeof hamletListSchema, Hamlet>(request, {
    schema: hamletListSchema,
    name: "hamlets",
    rows: hamletExportRows,
    columns: (t) => [
      ...idColumns<Hamlet>(t, { hamletId: (r) => r.id, provinceCode: (r) => r.provinceCode, communeCode: (r) => r.communeCode }),
      { header: t("rosters.common.province"), value: (r) => r.provinceName },
      { header: t("rosters.common.commune"), value: (r) => r.communeName, width: 24 },
      { header: t("rosters.hamlets.name"), value: (r) => r.name, width: 28 },
      { header: t("rosters.hamlets.kind"), value: (r) => t(`catalog.hamletKinds.${r.kind}`) },
      { header: t("rosters.hamlets.households"), value: (r) => r.households },
      { header: t("rosters.hamlets.teams"), value: (r) => r.teamCount },
    ],
  });
}
