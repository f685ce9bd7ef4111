import { describe, expect, it } from "vitest";
import { writeAudit } from "@/lib/dal/audit";
import { auditListSchema, listAuditEvents } from "@/lib/dal/audit-log";
import { auditNames } from "@/lib/dal/audit-names";
import { hamlets, teams, users } from "@/db/schema";
import { communeActor, nationalActor, provincialActor } from "../support/actors";
import { setupTestDatabase } from "../support/test-database";

const ctx = setupTestDatabase();

describe("audit log contact data", () => {
  it("masks recorded phone numbers for national users only", async () => {
    await writeAudit(
      ctx.db,
      { userId: null, username: "pk", ip: null, userAgent: null },
      {
        action: "member.update",
        entity: "member",
        entityId: 7,
        provinceCode: "86",
        communeCode: "28756",
        before: { fullName: "Nguyễn Văn An", phone: "0912345123" },
        after: { fullName: "Nguyễn Văn An", phone: "0987654321", nested: [{ phone: "02439876543" }] },
      },
    );
    const params = auditListSchema.parse({ action: "member" });
    const [national] = (await listAuditEvents(nationalActor(), params)).rows;
    expect(national?.before).toEqual({ fullName: "Nguyễn Văn An", phone: "09xx xxx 123" });
    expect(national?.after).toEqual({ fullName: "Nguyễn Văn An", phone: "09xx xxx 321", nested: [{ phone: "02x xxxx x543" }] });
    const [local] = (await listAuditEvents(communeActor("86", "28756"), params)).rows;
    expect(local?.before).toEqual({ fullName: "Nguyễn Văn An", phone: "0912345123" });
  });
});

describe("names in the audit log", () => {
  it("names teams, hamlets, communes and the people who acted, only within the reader's scope", async () => {
    const [h] = await ctx.db.insert(hamlets).values({ provinceCode: "86", communeCode: "28756", name: "Khu phố Tên", kind: "khu_pho" }).returning();
    const [mine] = await ctx.db.insert(teams).values({ provinceCode: "86", communeCode: "28756", hamletId: h.id, name: "Tổ CNSCĐ Tên" }).returning();
    const [theirs] = await ctx.db.insert(teams).values({ provinceCode: "01", communeCode: "00004", name: "Tổ CNSCĐ Ba Đình" }).returning();
    await ctx.db.insert(users).values({ username: "names.lead", fullName: "Lê Văn Tên", passwordHash: "x", role: "commune", provinceCode: "86", communeCode: "28756" });
    const rows = [
      { entity: "member", entityId: "1", actorUsername: "names.lead", before: { teamId: mine.id }, after: { teamId: theirs.id, hamletId: h.id, communeCode: "28756", provinceCode: "86" } },
      { entity: "monthly_report", entityId: "00004/2026-05-01", actorUsername: null, before: null, after: null },
    ];
    const local = await auditNames(communeActor("86", "28756"), rows);
    expect(local.names.teams).toEqual({ [mine.id]: "Tổ CNSCĐ Tên" });
    expect(local.names.hamlets).toEqual({ [h.id]: "Khu phố Tên" });
    expect(local.names.communes).toEqual({ "28756": "Phường Phú Khương", "00004": "Phường Ba Đình" });
    expect(local.names.provinces["86"]).toBe("Vĩnh Long");
    expect(local.actorNames).toEqual({ "names.lead": "Lê Văn Tên" });
    expect((await auditNames(provincialActor("01"), rows)).names.teams).toEqual({ [theirs.id]: "Tổ CNSCĐ Ba Đình" });
    expect(Object.keys((await auditNames(nationalActor(), rows)).names.teams).sort()).toEqual([String(mine.id), String(theirs.id)].sort());
  });
});
