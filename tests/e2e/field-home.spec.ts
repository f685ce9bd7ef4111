import AxeBuilder from "@axe-core/playwright";
import { readFile } from "node:fs/promises";
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { signIn } from "../support/e2e";

// Server actions and argon2 hashing on a shared, busy machine can take longer than five seconds.
const expect = baseExpect.configure({ timeout: 20_000 });
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

test.setTimeout(300_000);

async function expectNoAxeViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page });
  const results = await (include ? builder.include(include) : builder).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function expectFitsWidth(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
}

/**
 * Checks a page at both sizes: no sideways scrolling on the phone, axe clean (within `include`
 * when given), a screenshot of each.
 */
async function checkBothSizes(page: Page, name: string, include?: string) {
  for (const [size, viewport] of [["phone", PHONE], ["desktop", DESKTOP]] as const) {
    await page.setViewportSize(viewport);
    if (size === "phone") await expectFitsWidth(page);
    await expectNoAxeViolations(page, include);
    await page.screenshot({ path: `test-results/${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(PHONE);
}

test("a commune lead lands on the to-do list and goes from it to the report due; the same report reads the same everywhere", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "phukhuong.demo");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Việc cần làm");
  const due = page.getByTestId("due-report");
  await expect(due).toContainText(/Báo cáo tháng \d{2}\/\d{4}/);
  await expect(due).toContainText(/Hạn nộp: \d{2}\/\d{2}\/\d{4}/);
  // The month not yet past its deadline is open, never "missing".
  await expect(due.locator("[data-status]")).not.toHaveAttribute("data-status", "missing");
  const dueStatus = (await due.locator("[data-status]").textContent())!;
  const dueMonth = (await due.textContent())!.match(/Báo cáo tháng (\d{2}\/\d{4})/)![1];
  await expect(page.getByRole("link", { name: "Ghi nhận hướng dẫn" })).toHaveAttribute("href", "/guidance/new");
  await checkBothSizes(page, "home-commune");

  await due.click();
  await expect(page).toHaveURL(/\/reports\/28756\/\d{4}-\d{2}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Báo cáo tháng ${dueMonth}`);
  await expect(page.locator("[data-status]").first()).toHaveText(dueStatus);

  // The dashboard's month tiles are links; each opens its report with the same status wording.
  await page.goto("/units/28756");
  const tile = page.getByTestId("report-status").getByRole("link").first();
  const tileStatus = await tile.getAttribute("data-status");
  const tileMonth = (await tile.locator("span").first().textContent())!;
  await tile.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Báo cáo tháng ${tileMonth}`);
  await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", tileStatus!);

  // Quick entry opens the guidance form.
  await page.goto("/");
  await page.getByRole("link", { name: "Ghi nhận hướng dẫn" }).click();
  await expect(page).toHaveURL(/\/guidance\/new$/);
});

test("commune leads and national users cannot reach the reminder list or bulk accounts", async ({ browser }) => {
  for (const username of ["phukhuong.demo", "national.demo"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, username);
    expect((await page.goto("/reports/reminders"))?.status()).toBe(404);
    expect((await page.goto("/accounts/bulk"))?.status()).toBe(404);
    await context.close();
  }
});

test("a provincial admin on a phone opens the week's reminder list and copies the message for Zalo", async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE, permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await signIn(page, "vinhlong.demo");
  await expect(page.getByRole("heading", { name: "Việc trong tuần" })).toBeVisible();
  // The rest of this page is the province dashboard, checked by its own tests.
  await checkBothSizes(page, "home-province", "section[aria-labelledby=week-title]");
  await page.getByTestId("week-reminders").click();
  await expect(page).toHaveURL(/\/reports\/reminders$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nhắc nộp báo cáo");
  await expect(page.getByTestId("reminder-summary")).toContainText(/Báo cáo tháng \d{2}\/\d{4}: đã nộp \d+\/\d+/);

  // Pick a month that some communes still owe: the demo leaves some earlier months unsent.
  const items = page.getByTestId("reminder-list").getByRole("listitem");
  if ((await items.count()) === 0) {
    await page.getByLabel("Tháng").fill("2025-08");
    await page.getByRole("button", { name: "Xem" }).click();
  }
  await expect(items.first()).toBeVisible();
  const communes = await items.count();
  const text = await page.getByTestId("reminder-text").inputValue();
  expect(text).toMatch(/^\[CNSCĐ Vĩnh Long\] Nhắc nộp báo cáo tháng \d{2}\/\d{4}\nHạn nộp: \d{2}\/\d{2}\/\d{4} \(.+\)\.\n/);
  // One numbered line per commune in the list, each naming its lead (or saying there is none); no markup.
  expect(text.split("\n").filter((l) => /^\d+\. /.test(l))).toHaveLength(communes);
  expect(text).not.toMatch(/[<>*_#]/);
  await expect(items.first()).toContainText(/Chưa có tài khoản|·/);

  await page.getByRole("button", { name: "Sao chép tin nhắn" }).click();
  await expect(page.getByText("Đã sao chép. Dán vào nhóm Zalo.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
  await checkBothSizes(page, "reminders");
  await context.close();
});

test("a provincial admin on a phone creates commune-lead accounts in bulk and gets their temporary passwords once", async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, "vinhlong.demo");
  await page.getByTestId("week-bulk").click();
  await expect(page).toHaveURL(/\/accounts\/bulk$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tạo tài khoản cán bộ phụ trách hàng loạt");
  await checkBothSizes(page, "bulk-accounts");

  const rows = page.getByTestId("bulk-communes").getByRole("listitem");
  // Communes with a team start chosen; "select all" chooses every one, then clears them.
  await page.getByLabel(/^Chọn tất cả/).check();
  await expect(page.getByRole("button", { name: /^Tạo \d+ tài khoản$/ })).toBeEnabled();
  await page.getByLabel(/^Chọn tất cả/).uncheck();
  await expect(page.getByRole("button", { name: "Tạo tài khoản" })).toBeDisabled();
  const picked = [rows.nth(0), rows.nth(1)];
  for (const row of picked) await row.getByRole("checkbox").check();
  const firstName = (await picked[0].locator("span.font-medium").textContent())!;
  await picked[0].getByLabel(/^Họ tên cán bộ phụ trách/).fill("Nguyễn Thị Lan");
  await picked[0].getByLabel(/^Số điện thoại cán bộ phụ trách/).fill("12345");

  // A bad phone refuses the whole batch: the summary takes focus, links to the field, every input is kept.
  await page.getByRole("button", { name: "Tạo 2 tài khoản" }).click();
  const summary = page.getByTestId("bulk-errors");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: new RegExp(`^${firstName}: Số điện thoại không hợp lệ`) })).toBeVisible();
  await expect(picked[0].getByLabel(/^Họ tên cán bộ phụ trách/)).toHaveValue("Nguyễn Thị Lan");
  await expect(picked[0].getByLabel(/^Số điện thoại cán bộ phụ trách/)).toHaveValue("12345");
  for (const row of picked) await expect(row.getByRole("checkbox")).toBeChecked();
  await expect(rows.nth(2).getByRole("checkbox")).not.toBeChecked();
  // Exactly the two chosen communes stay chosen: nothing else will be created on the next submit.
  await expect(page.getByTestId("bulk-communes").getByRole("checkbox", { checked: true })).toHaveCount(2);

  await picked[0].getByLabel(/^Số điện thoại cán bộ phụ trách/).fill("0912 345 678");
  await page.getByRole("button", { name: "Tạo 2 tài khoản" }).click();
  const sheet = page.getByTestId("password-sheet");
  await expect(sheet.getByRole("heading", { name: "Danh sách mật khẩu tạm thời" })).toBeFocused();
  await expect(sheet.getByTestId("temporary-password")).toHaveCount(2);
  await expect(sheet).toContainText("Nguyễn Thị Lan");
  await expectFitsWidth(page);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "test-results/bulk-sheet-phone.png", fullPage: true });

  const [download] = await Promise.all([page.waitForEvent("download"), sheet.getByRole("button", { name: "Tải về (CSV)" }).click()]);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toBe(`"Xã, phường",Họ tên,Điện thoại,Tên đăng nhập,Mật khẩu tạm thời`);
  expect(lines).toHaveLength(3);
  const [, fullName, phone, username, password] = lines.find((l) => l.includes("Nguyễn Thị Lan"))!.split(",");
  expect([fullName, phone]).toEqual(["Nguyễn Thị Lan", "0912345678"]);
  await expect(sheet).toContainText(password);

  // The sheet is not shown again: a reload lists the remaining communes, without the two just created.
  await page.reload();
  await expect(page.getByTestId("password-sheet")).toHaveCount(0);
  await expect(page.getByTestId("bulk-communes")).not.toContainText(username);

  // The new account signs in with its temporary password and must change it first.
  const lead = await (await browser.newContext({ viewport: PHONE })).newPage();
  await lead.goto("/login");
  await lead.getByLabel("Tên đăng nhập").fill(username);
  await lead.getByLabel("Mật khẩu").fill(password);
  await lead.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(lead).toHaveURL(/\/account\/password/, { timeout: 40_000 });
  await context.close();
});

test("a provincial admin on a phone corrects a commune lead's phone number: a wrong one is refused next to the field and kept, a good one is shown grouped", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "vinhlong.demo");
  await page.goto("/accounts?q=phukhuong");
  await page.locator("main a[href^='/accounts/']").filter({ hasText: "phukhuong.demo" }).first().click();
  const phone = page.getByLabel("Số điện thoại");
  await phone.fill("12345");
  await page.getByRole("button", { name: "Lưu số điện thoại" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Chưa lưu được" })).toBeFocused();
  await expect(phone).toHaveValue("12345");
  await expect(page.locator("#phone-error")).toContainText("Số điện thoại không hợp lệ");
  await phone.fill("+84 358.123.456");
  await page.getByRole("button", { name: "Lưu số điện thoại" }).click();
  await expect(page.getByText("Đã lưu số điện thoại.")).toBeVisible();
  await expect(phone).toHaveValue("0358 123 456");
  await checkBothSizes(page, "account-phone");
});
