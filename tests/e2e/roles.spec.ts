import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn } from "../support/e2e";

const ACCOUNTS = [
  { username: "national.demo", role: "Cấp Trung ương", unit: "Việt Nam", heading: "Tổng quan Việt Nam" },
  { username: "vinhlong.demo", role: "Cấp tỉnh", unit: "Vĩnh Long", heading: "Tổng quan Vĩnh Long" },
  { username: "hanoi.demo", role: "Cấp tỉnh", unit: "Hà Nội", heading: "Tổng quan Hà Nội" },
  { username: "phukhuong.demo", role: "Cấp xã", unit: "Phường Phú Khương", heading: "Việc cần làm" },
  { username: "badinh.demo", role: "Cấp xã", unit: "Phường Ba Đình", heading: "Việc cần làm" },
];

for (const account of ACCOUNTS) {
  test(`${account.username} signs in and sees its own unit`, async ({ page }) => {
    await signIn(page, account.username);
    await expect(page.getByTestId("signed-in-as")).toContainText(`${account.role} · ${account.unit}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(account.heading);
    // Commune leads land on their to-do list, the others on their dashboard.
    if (account.role === "Cấp xã") await expect(page.getByTestId("due-report")).toBeVisible();
    else await expect(page.getByText(/^Tổ đang hoạt động/).filter({ visible: true }).first()).toBeVisible();
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page).toHaveURL(/\/login/);
  });
}

test("the national dashboard drills into a province and passes axe", async ({ page }) => {
  await signIn(page, "national.demo");
  await page.getByRole("table").getByRole("link", { name: "Vĩnh Long" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tổng quan Vĩnh Long");
  await page.getByRole("table").getByRole("link", { name: "Phường Phú Khương" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tổng quan Phường Phú Khương");
  // A chart's marks carry their figures as titles, and the same figures open as a table.
  const trend = page.getByTestId("chart").first();
  await expect(trend.locator("svg [data-mark] > title").first()).toHaveText(/^\d{2}\/\d{4} · .+: [\d.]+$/);
  await trend.getByText("Xem bảng số liệu").click();
  await expect(trend.getByRole("table")).toBeVisible();
  await expect(trend.getByRole("columnheader", { name: "Tháng" })).toBeVisible();
  await expect(trend.getByRole("row")).not.toHaveCount(1);
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(blocking).toEqual([]);
});

test("a commune lead who opens another commune's page gets not found", async ({ page }) => {
  await signIn(page, "phukhuong.demo");
  const response = await page.goto("/units/00004");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Không tìm thấy trang" })).toBeVisible();
  expect((await page.goto("/units/86"))?.status()).toBe(404);
  expect((await page.goto("/accounts"))?.status()).toBe(404);
});

test("an action posted for an account outside the caller's scope is refused and changes nothing", async ({ page, browser }) => {
  await signIn(page, "hanoi.demo");
  await page.goto("/accounts");
  await page.getByRole("link", { name: "badinh.demo" }).click();
  await page.waitForURL(/\/accounts\/\d+$/);
  // Tamper with the form's hidden id to point at Vĩnh Long's commune account (phukhuong.demo),
  // created just before badinh.demo by the demo seed.
  const otherId = String(Number(page.url().split("/").pop()) - 1);
  await page.locator('form:has(#fullName) input[name="id"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), otherId);
  await page.getByLabel("Họ và tên").fill("Đã bị sửa trái phép");
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Không tìm thấy bản ghi" })).toBeVisible();

  const admin = await browser.newPage();
  await signIn(admin, "vinhlong.demo");
  await admin.goto("/accounts");
  await expect(admin.getByText("Phạm Thị Thu Trang")).toBeVisible();
  await expect(admin.getByText("Đã bị sửa trái phép")).toHaveCount(0);
});

test("a disabled account's open session is refused on its next request", async ({ browser }) => {
  const lead = await browser.newPage();
  await signIn(lead, "phukhuong.demo");
  const admin = await browser.newPage();
  await signIn(admin, "vinhlong.demo");
  await admin.goto("/accounts");
  await admin.getByRole("link", { name: "phukhuong.demo" }).click();
  await admin.getByRole("button", { name: "Khóa tài khoản" }).click();
  await expect(admin.getByText("Đã khóa tài khoản")).toBeVisible();
  await lead.goto("/");
  await expect(lead).toHaveURL(/\/login/);
  await admin.getByRole("button", { name: "Mở khóa tài khoản" }).click();
  await expect(admin.getByText("Đã mở khóa tài khoản")).toBeVisible();
});
