import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { signIn } from "../support/e2e";

// The shared CI machine can be slow to render; wait longer, assert nothing about time.
const expect = baseExpect.configure({ timeout: 30_000 });
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

test.describe.configure({ timeout: 120_000 });

/** Opens the phone's menu and follows one of its sections. */
async function openSection(page: Page, name: string) {
  await page.locator("summary", { hasText: "Menu" }).click();
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name, exact: true }).click();
}

test.describe("on a phone", () => {
  test.use({ viewport: PHONE });

  test("the header is compact and the menu reaches every section without sideways scrolling", async ({ page }) => {
    await signIn(page, "phukhuong.demo");
    const header = await page.locator("header").boundingBox();
    expect(header!.height).toBeLessThanOrEqual(72);
    await page.locator("summary", { hasText: "Menu" }).click();
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    for (const section of ["Tổng quan", "Thôn, tổ dân phố", "Tổ CNSCĐ", "Thành viên", "Bồi dưỡng, tập huấn", "Hướng dẫn người dân", "Báo cáo tháng", "Nhật ký thay đổi"]) {
      const link = nav.getByRole("link", { name: section, exact: true });
      await expect(link).toBeInViewport();
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // A section opens in place, without reloading the page.
    await page.evaluate(() => ((window as unknown as { stays?: boolean }).stays = true));
    await nav.getByRole("link", { name: "Thành viên", exact: true }).click();
    await expect(page).toHaveURL(/\/members$/);
    await expect(nav).toBeHidden();
    expect(await page.evaluate(() => (window as unknown as { stays?: boolean }).stays)).toBe(true);
    // Members are cards that show the phone and the team without sideways scrolling.
    const card = page.getByTestId("table-cards").locator("li").first();
    await expect(card).toContainText(/Số điện thoại\s*0\d{3} \d{3} \d{3}/);
    await expect(card).toContainText("Tổ CNSCĐ");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  test("a refused guidance batch focuses the error summary and keeps every value, selects included", async ({ page }) => {
    await signIn(page, "phukhuong.demo");
    await page.goto("/guidance/new");
    const team = page.getByLabel("Tổ CNSCĐ", { exact: true });
    const teamValue = await team.locator("option").nth(1).getAttribute("value");
    await team.selectOption(teamValue!);
    await page.getByLabel("Kỹ năng").selectOption("3");
    await page.getByLabel("Nhóm đối tượng").selectOption("elderly");
    await page.getByLabel("Số hộ đến").fill("12");
    await page.getByLabel("Số người được hướng dẫn").fill("mười");
    await page.getByLabel("Số người hoàn thành").fill("vài");
    await page.getByRole("button", { name: "Lưu tất cả" }).click();

    const summary = page.getByTestId("error-summary");
    await expect(summary).toBeFocused();
    await expect(summary).toBeInViewport();
    await expect(summary.getByRole("link")).toHaveCount(2);
    await expect(summary).toContainText("Số người được hướng dẫn");
    await expect(summary).toContainText("Số người hoàn thành");
    await expect(team).toHaveValue(teamValue!);
    await expect(page.getByLabel("Kỹ năng")).toHaveValue("3");
    await expect(page.getByLabel("Nhóm đối tượng")).toHaveValue("elderly");
    await expect(page.getByLabel("Số hộ đến")).toHaveValue("12");
    await expect(page.getByLabel("Số người được hướng dẫn")).toHaveValue("mười");

    await summary.getByRole("link", { name: /Số người được hướng dẫn/ }).click();
    await expect(page.getByLabel("Số người được hướng dẫn")).toBeFocused();
    await page.screenshot({ path: "test-results/field-ux-guidance-refused-phone.png" });
  });

  test("a refused guidance batch names a closed month in the same round as a bad count", async ({ page }) => {
    await signIn(page, "phukhuong.demo");
    // A month whose report is already submitted or approved: no more records may be added to it.
    await page.goto("/reports");
    const closedRow = page.locator('[data-testid^="report-"]').filter({ hasText: /Đã nộp|Đã duyệt/ }).first();
    const month = (await closedRow.getAttribute("data-testid"))!.slice("report-".length);
    await page.goto("/guidance/new");
    const team = page.getByLabel("Tổ CNSCĐ", { exact: true });
    await team.selectOption((await team.locator("option").nth(1).getAttribute("value"))!);
    await page.getByLabel("Ngày", { exact: true }).fill(`${month}-15`);
    await page.getByLabel("Kỹ năng").selectOption("2");
    await page.getByLabel("Nhóm đối tượng").selectOption("elderly");
    await page.getByLabel("Số người được hướng dẫn").fill("mười");
    await page.getByRole("button", { name: "Lưu tất cả" }).click();

    const summary = page.getByTestId("error-summary");
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("Số người được hướng dẫn");
    await expect(summary).toContainText("Tháng này đã chốt báo cáo");
    await expect(page.getByLabel("Ngày", { exact: true })).toHaveValue(`${month}-15`);
    await page.screenshot({ path: "test-results/field-ux-guidance-closed-month-phone.png" });
  });

  test("a refused member form lists all its errors at once, focused, with the values kept", async ({ page }) => {
    await signIn(page, "phukhuong.demo");
    await page.goto("/members/new");
    await page.getByLabel("Họ và tên").fill("Trương Thị Lưu Giữ");
    await page.getByLabel("Giới tính").selectOption({ label: "Nữ" });
    await page.getByLabel("Năm sinh").fill("1890");
    await page.getByLabel("Số điện thoại").fill("0912 34");
    await page.getByRole("button", { name: "Thêm thành viên" }).click();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("Tổ");
    await expect(summary).toContainText("Năm sinh");
    await expect(summary).toContainText("Số điện thoại");
    await expect(page.getByLabel("Họ và tên")).toHaveValue("Trương Thị Lưu Giữ");
    await expect(page.getByLabel("Giới tính")).toHaveValue("female");
    await expect(page.getByLabel("Số điện thoại")).toHaveValue("0912 34");
    await page.screenshot({ path: "test-results/field-ux-member-refused-phone.png" });
  });

  test("a refused member form says in the same round that the team already has a leader", async ({ page }) => {
    await signIn(page, "phukhuong.demo");
    await page.goto("/members/new");
    const team = page.getByLabel("Tổ", { exact: true });
    await team.selectOption((await team.locator("option").nth(1).getAttribute("value"))!);
    await page.getByLabel("Họ và tên").fill("Lê Văn Trưởng");
    await page.getByLabel("Giới tính").selectOption({ label: "Nam" });
    await page.getByLabel("Năm sinh").fill("1890");
    await page.getByLabel("Chức danh").selectOption({ label: "Tổ trưởng" });
    await page.getByRole("button", { name: "Thêm thành viên" }).click();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("Năm sinh");
    await expect(summary).toContainText("Tổ này đã có tổ trưởng");
    await expect(page.getByLabel("Chức danh")).toHaveValue("leader");
  });

  test("leaving a changed form asks first; staying keeps what was typed", async ({ page }) => {
    await signIn(page, "phukhuong.demo");
    await page.goto("/hamlets/new");
    await page.getByLabel("Tên", { exact: true }).fill("Ấp Chưa Lưu");

    const asked: string[] = [];
    page.once("dialog", (dialog) => {
      asked.push(dialog.type());
      void dialog.dismiss();
    });
    await openSection(page, "Thành viên");
    await expect.poll(() => asked).toEqual(["confirm"]);
    await expect(page).toHaveURL(/\/hamlets\/new$/);
    await expect(page.getByLabel("Tên", { exact: true })).toHaveValue("Ấp Chưa Lưu");

    page.once("dialog", (dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    });
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Thành viên", exact: true }).click();
    await expect(page).toHaveURL(/\/members$/);
    expect(asked).toEqual(["confirm", "confirm"]);

    // Closing the tab over a changed form brings up the browser's own warning.
    await page.goto("/members/new");
    await page.getByLabel("Họ và tên").fill("Chưa lưu");
    const unload = page.waitForEvent("dialog");
    await page.close({ runBeforeUnload: true });
    const dialog = await unload;
    expect(dialog.type()).toBe("beforeunload");
    await dialog.accept();
  });

  test("a form left untouched is left without a question", async ({ page }) => {
    await signIn(page, "phukhuong.demo");
    await page.goto("/teams/new");
    let asked = false;
    page.on("dialog", (d) => {
      asked = true;
      void d.dismiss();
    });
    await openSection(page, "Hướng dẫn người dân");
    await expect(page).toHaveURL(/\/guidance$/);
    expect(asked).toBe(false);
  });
});

/** Every page each kind of user opens, lists and their first record included. */
const PAGES: Record<string, string[]> = {
  "phukhuong.demo": ["/", "/hamlets", "/hamlets/new", "/teams", "/teams/new", "/members", "/members/new", "/members/import", "/trainings", "/trainings/new", "/guidance", "/guidance/new", "/reports", "/audit", "/account/password"],
  "vinhlong.demo": ["/", "/accounts", "/accounts/new", "/accounts/bulk", "/reports", "/reports/reminders", "/teams", "/audit", "/units/86", "/report/86"],
  "national.demo": ["/", "/reports", "/reports/settings", "/members", "/history", "/units/86"],
};
/** Lists whose first record is opened too, by the link pattern of its records. */
const DETAILS: [string, RegExp][] = [
  ["/hamlets", /^\/hamlets\/\d+$/],
  ["/teams", /^\/teams\/\d+$/],
  ["/members", /^\/members\/\d+$/],
  ["/trainings", /^\/trainings\/\d+$/],
  ["/guidance", /^\/guidance\/\d+$/],
  ["/reports", /^\/reports\/\d{5}\/\d{4}-\d{2}$/],
  ["/accounts", /^\/accounts\/\d+$/],
];

async function firstRecord(page: Page, pattern: RegExp): Promise<string | null> {
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((h) => pattern.test(h)) ?? null;
}

async function axeClean(page: Page, where: string) {
  // Parts drawn as they come into view (the map's shapes): scroll through so that all of them are checked too.
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 120));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${where}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  return found;
}

for (const [name, viewport] of [
  ["phone", PHONE],
  ["desktop", DESKTOP],
] as const) {
  test.describe(`accessibility on a ${name}`, () => {
    test.use({ viewport });
    test.describe.configure({ timeout: 600_000 });
    for (const [username, paths] of Object.entries(PAGES)) {
      test(`${username}: every page has no axe violations and fits the screen`, async ({ page }) => {
        await signIn(page, username);
        const problems: string[] = [];
        for (const path of paths) {
          await page.goto(path);
          await expect(page.locator("main h1").first()).toBeVisible();
          problems.push(...(await axeClean(page, path)));
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 0) problems.push(`${path}: wider than the screen by ${overflow} px`);
          await page.screenshot({ path: `test-results/pages/${username}-${name}${path.replace(/\//g, "_") || "_home"}.png`, fullPage: true });
          const detail = DETAILS.find(([list]) => list === path);
          const href = detail ? await firstRecord(page, detail[1]) : null;
          if (href) {
            await page.goto(href);
            await expect(page.locator("main h1").first()).toBeVisible();
            problems.push(...(await axeClean(page, href)));
            await page.screenshot({ path: `test-results/pages/${username}-${name}${path.replace(/\//g, "_")}_first.png`, fullPage: true });
          }
        }
        expect(problems, problems.join("\n")).toEqual([]);
      });
    }
  });
}
