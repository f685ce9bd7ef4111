import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { reminderText } from "@/components/home/reminder-text";
import { formatPhone } from "@/lib/domain/phone";
import { daysUntil } from "@/lib/domain/report-reminders";
import vi from "@/messages/vi";

const t = createTranslator({ locale: "vi", messages: vi, namespace: "week" });
const tHome = createTranslator({ locale: "vi", messages: vi, namespace: "home" });

const reminders = {
  province: { code: "86", name: "Vĩnh Long" },
  month: "2026-11-01",
  deadline: "2026-12-05",
  daysLeft: 1,
  expected: 4,
  submitted: 1,
  communes: [
    { code: "28756", name: "Phường Phú Khương", status: "open" as const, leads: [{ fullName: "Phạm Thị Thu Trang", phone: "0912345678" }] },
    { code: "28757", name: "Xã An Hội", status: "returned" as const, leads: [{ fullName: "Lê Văn Bình", phone: null }] },
    { code: "28758", name: "Xã Long Hồ", status: "open" as const, leads: [] },
  ],
};

describe("the Zalo reminder", () => {
  it("is plain text: a heading, the deadline, one numbered line per commune with its lead, a closing line", () => {
    const text = reminderText("vi", t as never, tHome as never, reminders);
    const lines = text.split("\n");
    expect(lines[0]).toBe("[CNSCĐ Vĩnh Long] Nhắc nộp báo cáo tháng 11/2026");
    expect(lines[1]).toBe("Hạn nộp: 05/12/2026 (còn 1 ngày).");
    expect(lines[3]).toBe("Các xã, phường còn phải nộp (3):");
    expect(lines[4]).toBe(`1. Phường Phú Khương – Phạm Thị Thu Trang, ${formatPhone("0912345678")}`);
    expect(lines[5]).toBe("2. Xã An Hội (bị trả lại, cần nộp lại) – Lê Văn Bình");
    expect(lines[6]).toBe("3. Xã Long Hồ – chưa có cán bộ phụ trách");
    expect(lines.at(-1)).toContain("Trân trọng");
    expect(text).not.toMatch(/[<>*_#]/);
  });

  it("says how late the reports are once the deadline has passed", () => {
    const text = reminderText("vi", t as never, tHome as never, { ...reminders, daysLeft: -3 });
    expect(text.split("\n")[1]).toBe("Hạn nộp: 05/12/2026 (quá hạn 3 ngày).");
  });
});

describe("days to a deadline", () => {
  it("counts whole days in Vietnam time", () => {
    // 23:30 on 4 December in Vietnam is still 4 December there.
    expect(daysUntil("2026-12-05", new Date("2026-12-04T16:30:00Z"))).toBe(1);
    expect(daysUntil("2026-12-05", new Date("2026-12-04T17:30:00Z"))).toBe(0);
    expect(daysUntil("2026-12-05", new Date("2026-12-08T05:00:00Z"))).toBe(-3);
  });
});
