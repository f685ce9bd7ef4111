import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { describeAuditEvent, noNames, type AuditNames, type Translate } from "@/lib/audit/describe";
import en from "@/messages/en";
import vi from "@/messages/vi";

const translator = (locale: "vi" | "en") => createTranslator({ locale, messages: locale === "vi" ? vi : en }) as unknown as Translate;
const names: AuditNames = { ...noNames, teams: { "7": "Tổ CNSCĐ Khu phố 1", "8": "Tổ CNSCĐ Khu phố 2" }, hamlets: { "3": "Khu phố 3" }, communes: { "28756": "Phường Phú Khương" }, members: { "41": "Lê Thị Cúc" } };

const memberUpdate = {
  action: "member.update",
  entity: "member",
  entityId: "41",
  actorUsername: "phukhuong.demo",
  actorName: "Phạm Thị Thu Trang",
  before: { teamId: 7, fullName: "Lê Thị Cúc", gender: "female", phone: "0912345678", position: "member", affiliations: ["youth_union"], joinedOn: null, leftOn: null },
  after: { teamId: 8, fullName: "Lê Thị Cúc", gender: "female", phone: "0987654321", position: "deputy", affiliations: ["youth_union", "teacher"], joinedOn: "2026-03-01", leftOn: null },
};

describe("describeAuditEvent", () => {
  it("reads a member edit as a Vietnamese sentence with labelled fields, names for ids and before → after", () => {
    const d = describeAuditEvent(memberUpdate, names, translator("vi"), "vi");
    expect(d.sentence).toBe("Phạm Thị Thu Trang đã sửa thông tin thành viên Lê Thị Cúc");
    expect(d.changes).toEqual([
      { field: "teamId", label: "Tổ", before: "Tổ CNSCĐ Khu phố 1", after: "Tổ CNSCĐ Khu phố 2" },
      { field: "phone", label: "Số điện thoại", before: "0912 345 678", after: "0987 654 321" },
      { field: "position", label: "Chức danh", before: "Thành viên", after: "Tổ phó" },
      { field: "affiliations", label: "Thành phần", before: "Đoàn Thanh niên", after: "Đoàn Thanh niên, Giáo viên" },
      { field: "joinedOn", label: "Ngày tham gia", before: null, after: "01/03/2026" },
    ]);
  });

  it("reads the same event in English", () => {
    const d = describeAuditEvent(memberUpdate, names, translator("en"), "en");
    expect(d.sentence).toBe("Phạm Thị Thu Trang edited the member Lê Thị Cúc");
    expect(d.changes.find((c) => c.field === "position")).toEqual({ field: "position", label: "Position", before: "Member", after: "Deputy leader" });
  });

  it("never shows a raw null, an id or an enum value", () => {
    const events = [
      memberUpdate,
      { action: "team.create", entity: "team", entityId: "9", actorUsername: "vinhlong.demo", actorName: null, before: null, after: { name: "Tổ CNSCĐ Khu phố 3", communeCode: "28756", hamletId: null, establishedOn: "2026-01-05", status: "active", dissolvedOn: null, zaloUrl: null, note: null } },
      { action: "report.return", entity: "monthly_report", entityId: "28756/2026-05-01", actorUsername: "vinhlong.demo", actorName: "Trần Văn Bình", before: { status: "submitted", submittedAt: "2026-06-03T02:00:00.000Z", submittedLate: false, reviewComment: null }, after: { status: "returned", submittedAt: "2026-06-03T02:00:00.000Z", submittedLate: false, reviewComment: "Thiếu số liệu" } },
      { action: "guidance.create", entity: "guidance_record", entityId: "120", actorUsername: "phukhuong.demo", actorName: "Phạm Thị Thu Trang", before: null, after: { teamId: 7, guidedOn: "2026-05-04", skill: 1, targetGroup: "elderly", householdsVisited: 12, peopleGuided: 30, peopleCompleted: 25, note: null } },
    ];
    for (const locale of ["vi", "en"] as const) {
      for (const event of events) {
        const d = describeAuditEvent(event, names, translator(locale), locale);
        const text = [d.sentence, ...d.changes.flatMap((c) => [c.label, c.before ?? "", c.after ?? ""])].join(" | ");
        expect(text).not.toMatch(/\bnull\b|undefined|teamId|communeCode|\belderly\b|\bactive\b|\bsubmitted\b|audit\./);
      }
    }
    const report = describeAuditEvent(events[2], names, translator("vi"), "vi");
    expect(report.sentence).toBe("Trần Văn Bình đã trả lại báo cáo tháng của Phường Phú Khương, 05/2026");
    expect(report.changes).toEqual([
      { field: "status", label: "Trạng thái", before: "Đã nộp", after: "Trả lại" },
      { field: "reviewComment", label: "Ý kiến của tỉnh", before: null, after: "Thiếu số liệu" },
    ]);
    const team = describeAuditEvent(events[1], names, translator("vi"), "vi");
    expect(team.sentence).toBe("vinhlong.demo đã thành lập Tổ CNSCĐ Khu phố 3");
    expect(team.changes.find((c) => c.field === "hamletId")?.after).toBe("Cấp xã");
    const guidance = describeAuditEvent(events[3], names, translator("vi"), "vi");
    expect(guidance.sentence).toBe("Phạm Thị Thu Trang đã ghi nhận kết quả hướng dẫn của Tổ CNSCĐ Khu phố 1, 04/05/2026");
  });

  it("shows times in Vietnam time", () => {
    const d = describeAuditEvent(
      { action: "report.submit", entity: "monthly_report", entityId: "28756/2026-05-01", actorUsername: "a", actorName: "A", before: { submittedAt: null }, after: { submittedAt: "2026-06-04T20:30:00.000Z" } },
      names,
      translator("vi"),
      "vi",
    );
    expect(d.changes[0].after).toBe("03:30 05/06/2026");
  });

  it("keeps an unknown action and field readable", () => {
    const d = describeAuditEvent({ action: "history.import", entity: "history", entityId: "3", actorUsername: "admin", actorName: "Quản trị", before: null, after: { batches: 4 } }, names, translator("vi"), "vi");
    expect(d.sentence).toBe("Quản trị: history.import 3");
    expect(d.changes).toEqual([{ field: "batches", label: "batches", before: null, after: "4" }]);
  });
});
