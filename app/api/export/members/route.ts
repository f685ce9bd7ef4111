import { memberExportRows, type Member } from "@/lib/dal/members";
import { idColumns } from "@/lib/export/id-columns";
import { rosterExport } from "@/lib/export/roster-exports";
import { memberListSchema } from "@/lib/validation/rosters";

export async function GET(request: Request) {
  return rosterExport<typeof memberListSchema, Member>(request, {
    schema: memberListSchema,
    name: "members",
    rows: memberExportRows,
    columns: (t, date) => [
      ...idColumns<Member>(t, { memberId: (r) => r.id, teamId: (r) => r.teamId, hamletId: (r) => r.hamletId, provinceCode: (r) => r.provinceCode, communeCode: (r) => r.communeCode }),
      { header: t("rosters.common.province"), value: (r) => r.provinceName },
      { header: t("rosters.common.commune"), value: (r) => r.communeName, width: 24 },
      { header: t("rosters.common.hamlet"), value: (r) => r.hamletName ?? t("rosters.common.communeLevel"), width: 24 },
      { header: t("rosters.common.team"), value: (r) => r.teamName, width: 30 },
      { header: t("rosters.members.fullName"), value: (r) => r.fullName, width: 26 },
      { header: t("rosters.members.gender"), value: (r) => t(`catalog.genders.${r.gender}`) },
      { header: t("rosters.members.birthYear"), value: (r) => r.birthYear },
      { header: t("rosters.members.phone"), value: (r) => r.phone, width: 14 },
      { header: t("rosters.members.position"), value: (r) => t(`catalog.positions.${r.position}`) },
      { header: t("rosters.members.affiliations"), value: (r) => r.affiliations.map((a) => t(`catalog.affiliations.${a}`)).join("; "), width: 36 },
      { header: t("rosters.members.joinedOn"), value: (r) => date(r.joinedOn) },
      { header: t("rosters.members.leftOn"), value: (r) => date(r.leftOn) },
    ],
  });
}
