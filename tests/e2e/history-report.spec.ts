import { expect as baseExpect, test } from "@playwright/test";
import { signIn } from "../support/e2e";

const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 240_000 });

/** Screenshots go to SCREENSHOT_DIR when set (kept out of the repository), for a person to look at. */
const shot = (name: string) => (process.env.SCREENSHOT_DIR ? { path: `${process.env.SCREENSHOT_DIR}/${name}.png`, fullPage: true } : undefined);

test("a national analyst checks a history file, writes it, sees a split commune flagged, and undoes it", async ({ page }) => {
  await signIn(page, "national.demo");
  await page.getByRole("link", { name: "Số liệu trước 7/2025" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Số liệu trước 7/2025");
  // The demo seed loaded the sample history through the importer, one import per old province.
  await expect(page.getByTestId("history-imports").getByText("Số liệu mẫu")).toHaveCount(63);

  const csv = "Tên tỉnh cũ,Tên xã cũ,Huyện cũ,Kỳ,Số tổ,Số người được hướng dẫn\nHa Noi,Phuong Dich Vong,Cau Giay,2024-03,3,101\n";
  await page.getByLabel("Tệp số liệu").setInputFiles({ name: "dich-vong.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Kiểm tra (chưa ghi)" }).click();
  await expect(page.getByTestId("history-counts")).toContainText("1 mới");
  await expect(page.getByTestId("history-splits")).toContainText("Phường Cầu Giấy: 51 người được hướng dẫn");
  await expect(page.getByTestId("history-splits")).toContainText("Phường Nghĩa Đô: 50 người được hướng dẫn");
  const s = shot("history-preview");
  if (s) await page.screenshot(s);
  await page.getByRole("button", { name: "Ghi 1 số liệu" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã ghi tệp dich-vong.csv" })).toBeVisible();

  const row = page.getByTestId("history-imports").getByRole("row").filter({ hasText: "dich-vong.csv" });
  page.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: "Hoàn tác" }).click();
  await expect(row.getByText(/Đã hoàn tác: 1 số liệu bị xóa, 0 số liệu trước đó được khôi phục/)).toBeVisible();
  await expect(row.getByText(/^Đã hoàn tác \d{2}:\d{2}/)).toBeVisible();
});

test("the periodic report opens from the dashboard as a print page and downloads as .docx", async ({ page }) => {
  await signIn(page, "vinhlong.demo");
  await page.goto("/units/86?kind=year&from=2023-01-01&to=2023-12-31");
  // The dashboard's trend starts where the imported history starts, imported months marked.
  await expect(page.getByTestId("history-trend")).toContainText("Diễn biến từ 01/2021");
  await expect(page.getByTestId("history-trend")).toContainText("số liệu tổng hợp từ báo cáo trước 7/2025");
  const dashboard = shot("dashboard-history-trend");
  if (dashboard) await page.getByTestId("history-trend").screenshot({ path: dashboard.path });
  await page.getByRole("link", { name: "Báo cáo định kỳ" }).click();
  await expect(page.getByText("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).toBeVisible();
  await expect(page.getByText("Độc lập - Tự do - Hạnh phúc")).toBeVisible();
  await expect(page.getByText("Kỳ báo cáo: năm 2023")).toBeVisible();
  await expect(page.locator("[data-table=history]")).toContainText("số liệu tổng hợp từ báo cáo trước 7/2025");
  await page.setViewportSize({ width: 1366, height: 900 });
  const wide = shot("report-1366");
  if (wide) await page.screenshot(wide);
  await page.setViewportSize({ width: 390, height: 844 });
  const phone = shot("report-390");
  if (phone) await page.screenshot(phone);
  if (process.env.SCREENSHOT_DIR) {
    await page.emulateMedia({ media: "print" });
    await page.pdf({ path: `${process.env.SCREENSHOT_DIR}/report.pdf`, format: "A4" });
    await page.emulateMedia({ media: "screen" });
  }

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tải về (.docx)" }).click()]);
  expect(download.suggestedFilename()).toBe("bao-cao-to-cnscd-86-2023-01-2023-12.docx");
});
