import { readFile } from "node:fs/promises";
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { signIn } from "../support/e2e";

// Two cores shared by several servers: allow slow responses (nothing here measures time).
const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ timeout: 180_000 });

const TITLE = "Lớp E2E chữ ký số cho Tổ CNSCĐ Phú Khương";

async function selectedCount(page: Page): Promise<number> {
  const text = (await page.getByTestId("attendee-count").textContent()) ?? "";
  return Number(text.replace(/\D/g, ""));
}

test("a commune lead records a training with a whole team and a searched member, finds it, exports it; another province gets not found", async ({ page, browser }) => {
  await signIn(page, "phukhuong.demo");
  await page.goto("/trainings");
  await page.getByRole("link", { name: "Thêm lớp bồi dưỡng" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thêm lớp bồi dưỡng");

  // Bad input first: messages next to the fields, input kept.
  await page.getByLabel("Tên lớp").fill(TITLE);
  await page.getByLabel("Số giờ").fill("-2");
  await page.getByRole("button", { name: "Lưu lớp bồi dưỡng" }).click();
  await expect(page.locator("#hours-error")).toContainText("Số giờ phải lớn hơn 0");
  await expect(page.locator("#topics-error")).toContainText("Chọn ít nhất một chủ đề");
  await expect(page.locator("#location-error")).toContainText("Vui lòng nhập địa điểm");
  await expect(page.getByLabel("Tên lớp")).toHaveValue(TITLE);

  await page.getByLabel("Chữ ký số", { exact: true }).check();
  await page.getByLabel("Số giờ").fill("1,5");
  await page.getByLabel("Địa điểm", { exact: true }).fill("Nhà văn hóa khu phố 3");
  await page.getByLabel("Người tham dự ngoài Tổ CNSCĐ").fill("4");

  // The commune's teams are listed at once; add the first whole team.
  const results = page.getByTestId("attendee-results");
  await results.getByRole("button", { name: /^Thêm cả tổ/ }).first().click();
  await expect(page.getByText(/^Đã thêm \d+ thành viên của /)).toBeVisible();
  const afterTeam = await selectedCount(page);
  expect(afterTeam).toBeGreaterThan(0);

  // Search without diacritics and add one member not yet chosen.
  await page.getByLabel("Tìm thành viên hoặc tổ").fill("nguyen");
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  const add = results.getByRole("button", { name: /^Thêm: Nguyễn / }).first();
  await expect(add).toBeVisible();
  const name = ((await add.getAttribute("aria-label")) ?? "").replace(/^Thêm: /, "");
  await add.click();
  await expect(page.getByTestId("attendee-count")).toHaveText(`Đã chọn ${afterTeam + 1} thành viên`);
  await expect(page.getByTestId("attendee-selected").getByText(name, { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Lưu lớp bồi dưỡng" }).click();
  await expect(page).toHaveURL(/\/trainings\/\d+\?created=1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.getByText("Đã thêm lớp bồi dưỡng.")).toBeVisible();
  await expect(page.getByRole("heading", { name: `Thành viên tham dự (${afterTeam + 1})` })).toBeVisible();
  await expect(page.getByRole("cell", { name, exact: true })).toBeVisible();
  const trainingPath = new URL(page.url()).pathname;

  await page.goto("/trainings?q=e2e chu ky so");
  await expect(page.getByRole("link", { name: TITLE })).toBeVisible();
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Danh sách lớp (CSV)" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.toString("utf8");
  expect(csv).toContain(TITLE);
  expect(csv.split("\r\n").filter((line) => line.includes(TITLE))).toHaveLength(1);

  const other = await browser.newContext();
  const hanoi = await other.newPage();
  await signIn(hanoi, "hanoi.demo");
  const response = await hanoi.goto(trainingPath);
  expect(response?.status()).toBe(404);
  await expect(hanoi.getByText(TITLE)).toHaveCount(0);
  const exported = await hanoi.request.get("/api/export/trainings?format=csv&q=e2e chu ky so");
  expect(exported.status()).toBe(200);
  expect(await exported.text()).not.toContain(TITLE);
  await other.close();
});

test("the trainings export refuses anonymous callers and unknown formats", async ({ page, playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  expect((await anonymous.get("/api/export/trainings?format=csv")).status()).toBe(401);
  await anonymous.dispose();
  await signIn(page, "vinhlong.demo");
  expect((await page.request.get("/api/export/trainings?format=pdf")).status()).toBe(400);
  const xlsx = await page.request.get("/api/export/trainings?format=xlsx&detail=attendance&level=commune");
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
});
