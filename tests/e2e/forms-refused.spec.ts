import { expect as baseExpect, test, type Page } from "@playwright/test";
import { declineLeavingThroughMenu, signIn } from "../support/e2e";

// The shared CI machine can be slow to render; wait longer, assert nothing about time.
const expect = baseExpect.configure({ timeout: 30_000 });

test.describe.configure({ timeout: 120_000 });
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

/** Submits, then expects the error summary focused, on screen, with each of `messages`. */
async function refusedWith(page: Page, button: string, messages: string[]) {
  await page.getByRole("button", { name: button }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  for (const message of messages) await expect(summary).toContainText(message);
  await expect(summary.getByRole("link")).toHaveCount(messages.length);
}

test("a refused hamlet form says in the same round that the name is taken", async ({ page }) => {
  await signIn(page, "phukhuong.demo");
  await page.goto("/hamlets");
  const existing = await page
    .locator("main a[href]")
    .evaluateAll((links) => links.find((a) => /^\/hamlets\/\d+$/.test(a.getAttribute("href") ?? ""))?.textContent?.trim() ?? "");
  expect(existing).not.toBe("");
  await page.goto("/hamlets/new");
  await page.getByLabel("Tên", { exact: true }).fill(existing.toUpperCase());
  await page.getByLabel("Số hộ").fill("nhiều");
  await refusedWith(page, "Thêm mới", ["Tên: Xã đã có thôn, tổ dân phố mang tên này.", "Số hộ: Số hộ phải là số nguyên", "Loại: Vui lòng"]);
  await expect(page.getByLabel("Tên", { exact: true })).toHaveValue(existing.toUpperCase());
  await expect(page.getByLabel("Số hộ")).toHaveValue("nhiều");
  await page.screenshot({ path: "test-results/forms-hamlet-refused-phone.png" });
});

test("a refused account form says in the same round that the username is taken, keeping the commune chosen", async ({ page }) => {
  await signIn(page, "vinhlong.demo");
  await page.goto("/accounts/new");
  await page.getByLabel("Tên đăng nhập").fill("PhuKhuong.Demo");
  const commune = page.getByLabel("Xã/phường/đặc khu");
  const code = (await commune.locator("option").nth(1).getAttribute("value"))!;
  await commune.selectOption(code);
  await page.getByLabel("Mật khẩu ban đầu").fill("ngan");
  await refusedWith(page, "Tạo tài khoản", ["Tên đăng nhập này đã được dùng.", "Họ và tên: Vui lòng nhập", "Mật khẩu phải có ít nhất 10 ký tự."]);
  // Listed in the order of the fields, the server's finding included.
  await expect(page.getByTestId("error-summary").getByRole("link").first()).toContainText("Tên đăng nhập");
  await expect(commune).toHaveValue(code);
  await expect(page.getByLabel("Tên đăng nhập")).toHaveValue("PhuKhuong.Demo");
  await page.screenshot({ path: "test-results/forms-account-refused-phone.png" });
});

test("a refused password change names a wrong current password and a mismatch together", async ({ page }) => {
  await signIn(page, "badinh.demo");
  await page.goto("/account/password");
  await page.getByLabel("Mật khẩu hiện tại").fill("khong-phai-mat-khau");
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("mot-mat-khau-moi-dai");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("mot-mat-khau-khac-han");
  await refusedWith(page, "Lưu mật khẩu mới", ["Mật khẩu hiện tại không đúng.", "Hai mật khẩu không khớp."]);
  await page.screenshot({ path: "test-results/forms-password-refused-phone.png" });
});

test("leaving the bulk account form with a name typed asks first", async ({ page }) => {
  await signIn(page, "vinhlong.demo");
  await page.goto("/accounts/bulk");
  const name = page.getByTestId("bulk-communes").getByRole("textbox").first();
  await name.fill("Nguyễn Văn Chưa Lưu");
  await declineLeavingThroughMenu(page);
  await expect(page).toHaveURL(/\/accounts\/bulk$/);
  await expect(name).toHaveValue("Nguyễn Văn Chưa Lưu");
});

/** Each form refused as submitted empty, at both sizes, for the screenshots looked at in review. */
for (const [size, viewport] of [
  ["phone", PHONE],
  ["desktop", { width: 1366, height: 900 }],
] as const) {
  test.describe(`refused forms on a ${size}`, () => {
    test.use({ viewport });
    const FORMS: [string, string, string][] = [
      ["phukhuong.demo", "/trainings/new", "Lưu lớp bồi dưỡng"],
      ["phukhuong.demo", "/hamlets/new", "Thêm mới"],
      ["phukhuong.demo", "/teams/new", "Thành lập tổ"],
      ["phukhuong.demo", "/members/new", "Thêm thành viên"],
      ["phukhuong.demo", "/account/password", "Lưu mật khẩu mới"],
      ["vinhlong.demo", "/accounts/new", "Tạo tài khoản"],
    ];
    for (const username of new Set(FORMS.map(([u]) => u))) {
      test(`${username}: the summary is focused`, async ({ page }) => {
        await signIn(page, username);
        for (const [, path, button] of FORMS.filter(([u]) => u === username)) {
          await page.goto(path);
          await page.getByRole("button", { name: button }).click();
          await expect(page.getByTestId("error-summary")).toBeFocused();
          // A field that breaks two rules with the same message says it once.
          const items = await page.getByTestId("error-summary").getByRole("listitem").allTextContents();
          expect(new Set(items).size, path).toBe(items.length);
          await page.screenshot({ path: `test-results/forms/${size}${path.replace(/\//g, "_")}.png`, fullPage: true });
        }
      });
    }
  });
}
