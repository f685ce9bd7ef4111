import { describe, expect, it } from "vitest";
import { writeAudit } from "@/lib/dal/audit";
import { auditListSchema, listAuditEvents } from "@/lib/dal/audit-log";
import { communeActor, nationalActor } from "../support/actors";
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
