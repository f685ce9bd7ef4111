import ExcelJS from "exceljs";
import { expect as baseExpect, test, type Locator, type Page } from "@playwright/test";
import { signIn } from "../support/e2e";

// Parsing a workbook and signing in (argon2) take a while on a busy machine: wait longer for them.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 180_000 });

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const HEADER = ["Mã xã/phường", "Tên tổ", "Họ và tên", "Giới tính", "Năm sinh", "Số điện thoại", "Chức vụ", "Thành phần", "Ngày tham gia", "Ngày rời tổ"];

async function workbook(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Danh sách");
  for (const r of [HEADER, ...rows]) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function check(page: Page, name: string, buffer: Buffer) {
  await page.getByLabel("Tệp danh sách").setInputFiles({ name, mimeType: XLSX, buffer });
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(page.getByRole("heading", { name: `Kết quả kiểm tra: ${name}` })).toBeVisible();
}

const count = (page: Page, key: string) => page.getByTestId(`count-${key}`).locator("dd");

/** Downloads the import template from the page and returns the first team it lists for commune 28756. */
async function teamFromTemplate(page: Page): Promise<string> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải tệp mẫu (.xlsx)" }).click();
  const download = await downloading;
  const template = new ExcelJS.Workbook();
  await template.xlsx.readFile(await download.path());
  expect(template.worksheets.map((w) => w.name)).toEqual(["Danh sách", "Hướng dẫn", "Tổ hiện có"]);
  expect((template.getWorksheet("Danh sách")!.getRow(1).values as string[]).slice(1).map((h) => h.replace(/\*$/, ""))).toEqual(HEADER);
  const teams: string[] = [];
  template.getWorksheet("Tổ hiện có")!.eachRow((row, n) => {
    if (n > 1 && row.getCell(1).text === "28756") teams.push(row.getCell(3).text);
  });
  expect(teams.length).toBeGreaterThan(0);
  return teams[0];
}

/** Whether the element is shown and lies wholly within the window's width (not behind sideways scrolling). */
async function withinWidth(scope: Page | Locator, text: string | RegExp): Promise<void> {
  const el = scope.getByText(text).filter({ visible: true }).first();
  await expect(el).toBeVisible();
  const box = await el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    return { left: r.left, right: r.right, width: window.innerWidth };
  });
  expect(box.left, `${text} starts off screen`).toBeGreaterThanOrEqual(0);
  expect(box.right, `${text} ends off screen`).toBeLessThanOrEqual(box.width);
}

test("a commune lead imports a roster: template, errors by row and column, fixed file, commit, unchanged re-import", async ({ page }) => {
  await signIn(page, "phukhuong.demo");
  await page.goto("/members/import");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nhập danh sách thành viên từ tệp");
  await expect(page.getByTestId("import-limits")).toContainText("tối đa 5 MB và 20.000 dòng");

  const team = await teamFromTemplate(page);

  const good = (name: string, phone: string): ExcelJS.CellValue[] => ["28756", team, name, "Nữ", 1991, phone, "Thành viên", "Đoàn Thanh niên; Giáo viên", new Date(Date.UTC(2024, 1, 5)), null];
  await check(
    page,
    "danh-sach-loi.xlsx",
    await workbook([
      good("Nhập Thử Xuân Một", "0398 100 201"),
      ["28756", team, "Nhập Thử Xuân Hai", "Nam giới tính", "199x", "0398100202", "tổ viên", "", "", ""],
      ["28756", team, "Nhập Thử Xuân Ba", "Nam", { formula: "1980+5", result: 1985 }, "0398100203", "thanh vien", "cong an", "03/04/2024", ""],
      [],
      good("Nhập Thử Xuân Một", "0398100201"),
    ]),
  );
  const errors = page.getByTestId("import-errors").locator("tbody tr");
  await expect(errors).toHaveCount(4);
  await expect(errors.nth(0)).toContainText(/^3\s*Giới tính \(D\)\s*Giới tính “Nam giới tính” không hợp lệ/);
  await expect(errors.nth(1)).toContainText(/^3\s*Năm sinh \(E\)\s*Năm sinh “199x” không phải là số\./);
  await expect(errors.nth(2)).toContainText(/^4\s*Năm sinh \(E\)\s*Công thức không được chấp nhận/);
  await expect(errors.nth(3)).toContainText(/^6\s*Cả dòng\s*Trùng với dòng 2/);
  await expect(count(page, "errors")).toHaveText("3");
  await expect(page.getByRole("button", { name: /Xác nhận nhập/ })).toHaveCount(0);

  const fixed = await workbook([
    good("Nhập Thử Xuân Một", "0398 100 201"),
    ["28756", team, "Nhập Thử Xuân Hai", "Nam", "1990", "0398100202", "tổ viên", "", "", ""],
    ["28756", team, "Nhập Thử Xuân Ba", "Nam", 1985, "+84 398 100 203", "thanh vien", "cong an", "03/04/2024", ""],
  ]);
  await page.getByRole("button", { name: "Chọn tệp khác" }).click();
  await check(page, "danh-sach.xlsx", fixed);
  await expect(count(page, "new")).toHaveText("3");
  await expect(count(page, "errors")).toHaveText("0");
  await expect(page.getByTestId("import-rows").locator("tbody tr")).toHaveCount(3);
  await page.getByRole("button", { name: "Xác nhận nhập 3 dòng" }).click();
  await expect(page.getByRole("heading", { name: "Đã nhập xong tệp danh-sach.xlsx" })).toBeVisible();
  await expect(page.getByTestId("import-done")).toHaveText("Thêm mới 3, cập nhật 0, chuyển tổ 0, không đổi 0, bỏ qua 0 thành viên.");

  // The members are in the roster: importing the same file again finds every row unchanged.
  await page.getByRole("button", { name: "Chọn tệp khác" }).click();
  await check(page, "danh-sach.xlsx", fixed);
  await expect(count(page, "unchanged")).toHaveText("3");
  await expect(count(page, "new")).toHaveText("0");
  await expect(count(page, "updated")).toHaveText("0");
  await expect(page.getByText("Tệp không có thay đổi nào so với danh sách hiện tại.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Xác nhận nhập/ })).toHaveCount(0);

  // A phone number that belongs to one of them, written for another person, is a conflict to decide.
  await page.getByRole("button", { name: "Chọn tệp khác" }).click();
  await check(page, "so-trung.xlsx", await workbook([["28756", team, "Người Khác Hẳn", "Nam", 1958, "0398100201", "Thành viên", "", null, null]]));
  await expect(count(page, "conflicts")).toHaveText("1");
  const conflict = page.getByTestId("import-conflict");
  await expect(conflict).toContainText("Nhập Thử Xuân Một");
  await expect(conflict).toContainText("Người Khác Hẳn");
  await expect(page.getByRole("button", { name: /Xác nhận nhập/ })).toHaveCount(0);
  await page.getByLabel("Cách xử lý dòng 2").selectOption("add");
  await page.getByRole("button", { name: "Xác nhận nhập 1 dòng" }).click();
  await expect(page.getByTestId("import-done")).toContainText("Thêm mới 1");

  // The import just written can be undone from the page.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.locator("section[aria-labelledby=import-done]").getByRole("button", { name: "Hoàn tác lần nhập này" }).click();
  await expect(page.getByTestId("import-undone")).toHaveText("Đã hoàn tác: khôi phục 0 thành viên, xóa 1 thành viên được thêm.");
  await expect(page.getByTestId("recent-imports")).toContainText("Đã hoàn tác");
});

test("a wrong extension and an oversized file are refused in the browser", async ({ page }) => {
  await signIn(page, "phukhuong.demo");
  await page.goto("/members/import");
  const uploads: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().includes("/members/import/")) uploads.push(r.url());
  });
  const input = page.getByLabel("Tệp danh sách");
  const refusal = page.locator("#roster-file-error").getByRole("alert");
  await input.setInputFiles({ name: "danh-sach.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4") });
  await expect(refusal).toHaveText("Chỉ nhận tệp .xlsx, .xls hoặc .csv; tệp “danh-sach.pdf” không đúng định dạng.");
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(refusal).toContainText("Chỉ nhận tệp .xlsx, .xls hoặc .csv");
  await input.setInputFiles({ name: "danh-sach-lon.xlsx", mimeType: XLSX, buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 0x41) });
  await expect(refusal).toHaveText("Tệp lớn hơn 5 MB. Hãy chia danh sách thành nhiều tệp nhỏ hơn.");
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(refusal).toContainText("Tệp lớn hơn 5 MB");
  expect(uploads).toEqual([]);
});

test("national users are told they cannot import and the upload answers not found", async ({ page }) => {
  await signIn(page, "national.demo");
  await page.goto("/members/import");
  await expect(page.getByText("Cấp Trung ương không nhập danh sách")).toBeVisible();
  await expect(page.getByLabel("Tệp danh sách")).toHaveCount(0);
  const answer = await page.request.post("/members/import/preview", {
    headers: { "x-file-name": "danh-sach.xlsx", "content-type": "application/octet-stream" },
    data: await workbook([["28756", "Tổ", "Nhập Thử Quốc Gia", "Nam", 1980, "", "", "", "", ""]]),
  });
  expect(answer.status()).toBe(404);
  expect((await page.request.get("/members/import/template")).status()).toBe(404);
});

test("on a phone, the rows of a checked file and the recent imports show every field without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "phukhuong.demo");
  await page.goto("/members/import");
  const team = await teamFromTemplate(page);
  await check(page, "dien-thoai.xlsx", await workbook([["28756", team, "Nhập Thử Điện Thoại", "Nữ", 1993, "0398100299", "Thành viên", "Giáo viên", null, null]]));
  await expect(count(page, "new")).toHaveText("1");
  // The row's status, name, team, commune and what changes are each on screen.
  for (const text of ["Nhập Thử Điện Thoại", team, /^28756 /]) await withinWidth(page, text);
  await page.getByRole("button", { name: "Xác nhận nhập 1 dòng" }).click();
  await expect(page.getByTestId("import-done")).toContainText("Thêm mới 1");
  // The recent imports list this file with its result and its undo button, all on screen.
  const recent = page.locator("section[aria-labelledby=recent-imports]");
  const undo = recent.getByRole("button", { name: "Hoàn tác" }).filter({ visible: true }).first();
  await expect(undo).toBeVisible();
  await withinWidth(recent, "dien-thoai.xlsx");
  await withinWidth(recent, /^\+1 · sửa 0 · chuyển 0$/);
  const box = await undo.evaluate((node) => ({ right: node.getBoundingClientRect().right, width: window.innerWidth }));
  expect(box.right).toBeLessThanOrEqual(box.width);
  page.once("dialog", (dialog) => void dialog.accept());
  await undo.click();
  await expect(recent.getByText("Đã hoàn tác").filter({ visible: true }).first()).toBeVisible();
});
