import { teamExportRows, type Team } from "@/lib/dal/teams";
import { idColumns } from "@/lib/export/id-columns";
import { rosterExport } from "@/lib/export/roster-exports";
import { teamListSchema } from "@/lib/validation/rosters";

export async function GET(request: Request) {
  return rosterExport<typeof teamListSchema, Team>(request, {
    schema: teamListSchema,
    name: "teams",
    rows: teamExportRows,
    columns: (t, date) => [
      ...idColumns<Team>(t, { teamId: (r) => r.id, hamletId: (r) => r.hamletId, provinceCode: (r) => r.provinceCode, communeCode: (r) => r.communeCode }),
      { header: t("rosters.common.province"), value: (r) => r.provinceName },
      { header: t("rosters.common.commune"), value: (r) => r.communeName, width: 24 },
      { header: t("rosters.common.hamlet"), value: (r) => r.hamletName ?? t("rosters.common.communeLevel"), width: 24 },
      { header: t("rosters.teams.name"), value: (r) => r.name, width: 32 },
      { header: t("rosters.teams.establishedOn"), value: (r) => date(r.establishedOn) },
      { header: t("rosters.common.status"), value: (r) => t(`catalog.teamStatuses.${r.status}`) },
      { header: t("rosters.teams.dissolvedOn"), value: (r) => date(r.dissolvedOn) },
      { header: t("rosters.teams.leader"), value: (r) => r.leaderName, width: 24 },
      { header: t("rosters.teams.members"), value: (r) => r.memberCount },
      { header: t("rosters.teams.zaloUrl"), value: (r) => r.zaloUrl, width: 30 },
      { header: t("rosters.teams.note"), value: (r) => r.note, width: 30 },
    ],
  });
}
