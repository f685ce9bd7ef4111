import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/e2e";

/** Charts are drawn on the server as SVG: each one's marks are on the page without scrolling or chart code. */
async function expectChartsDrawn(page: Page, count: number) {
  await expect(page.getByTestId("chart")).toHaveCount(count);
  for (const chart of await page.getByTestId("chart").all()) {
    // One drawing shows per chart, the one made for the box's width, with its marks (a flat
    // line has no height, so marks are checked as present, bars below as visible).
    const drawing = chart.locator("svg").filter({ visible: true });
    await expect(drawing).toHaveCount(1);
    await expect(drawing.locator("[data-mark]").first()).toBeAttached();
  }
  await expect(page.locator("[data-testid=chart] svg rect[data-mark]").filter({ visible: true }).first()).toBeVisible();
}

/**
 * The national map draws every province. Shapes come from the cached sprite file, so each one
 * counts once the browser has laid it out with a real size.
 */
async function expectMapDrawn(page: Page, provinces = 34) {
  const map = page.getByTestId("province-map");
  await expect(map).toBeVisible();
  await expect
    .poll(() => map.locator("[data-code] > use").evaluateAll((shapes) => shapes.filter((s) => (s as SVGGraphicsElement).getBBox().width > 0).length))
    .toBeGreaterThanOrEqual(provinces);
}

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

test("national: map with both archipelagos, indicator picker, charts, click a province then a commune", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, "national.demo");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tổng quan Việt Nam");
  await expectMapDrawn(page);
  await expect(page.getByTestId("archipelago-hoang-sa")).toContainText("Hoàng Sa");
  await expect(page.getByTestId("archipelago-truong-sa")).toContainText("Trường Sa");
  await expect(page.getByTestId("map-legend")).toContainText("Chưa có số liệu");
  await expectChartsDrawn(page, 6);
  await page.screenshot({ path: "test-results/dashboard-national-desktop.png", fullPage: true });

  // The indicator picker is in the URL and recolours the map.
  await page.getByRole("link", { name: "Số thành viên", exact: true }).click();
  await expect(page).toHaveURL(/ind=members/);
  await expect(page.getByRole("heading", { name: "Bản đồ: Số thành viên" })).toBeVisible();

  // Each province is a focusable link carrying its value and rank.
  const vinhLong = page.locator("[data-testid=province-map] a[data-code='86']");
  await expect(vinhLong).toHaveAttribute("aria-label", /^Vĩnh Long: .+ · Hạng \d+\/34$/);
  await vinhLong.focus();
  await expect(page.getByRole("tooltip")).toContainText("Vĩnh Long");
  // Hovering a province lightens it; keyboard focus outlines it.
  await vinhLong.hover();
  await expect(vinhLong.locator("use")).toHaveCSS("fill-opacity", "0.8");
  await vinhLong.focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Shift+Tab");
  await expect(vinhLong).toBeFocused();
  await expect(vinhLong.locator("use")).toHaveCSS("stroke-width", "3px");
  await vinhLong.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tổng quan Vĩnh Long");
  // A province compares its communes on the same picker, as ranked bars (there are no commune boundaries).
  await expect(page.getByRole("heading", { name: "Các xã, phường theo Người được hướng dẫn" })).toBeVisible();
  await expect(page.getByTestId("commune-bars").getByRole("link").first()).toBeVisible();

  await page.getByRole("table").getByRole("link", { name: "Phường Phú Khương" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tổng quan Phường Phú Khương");
  await expect(page.getByTestId("report-status")).toBeVisible();
});

test("national: the ranking sorts in the URL and each chart downloads as CSV and XLSX", async ({ page }) => {
  await signIn(page, "national.demo");
  await page.getByRole("button", { name: "Thành viên", exact: true }).click();
  // Counts sort largest first.
  await expect(page).toHaveURL(/sort=members&dir=desc/);
  await expect(page.getByRole("columnheader", { name: "Thành viên", exact: true })).toHaveAttribute("aria-sort", "descending");
  // Figures line up on the right, names on the left.
  const firstRow = page.getByRole("table").getByRole("row").nth(1);
  await expect(firstRow.getByRole("cell").nth(1)).toHaveCSS("text-align", "left");
  for (const column of [0, 2, 3, 4, 5, 6, 7, 8]) await expect(firstRow.getByRole("cell").nth(column)).toHaveCSS("text-align", "right");
  await expect(page.getByRole("columnheader", { name: "Thành viên", exact: true })).toHaveCSS("text-align", "right");
  // Figures arrive formatted in Vietnamese: 1.234 for counts, 98,5% for shares, x/y for coverage.
  await expect(firstRow.getByRole("cell").nth(2)).toHaveText(/^\d{1,3}(\.\d{3})*\/\d{1,3}(\.\d{3})* · \d{1,3}(,\d)?%$/);
  await expect(firstRow.getByRole("cell").nth(4)).toHaveText(/^\d{1,3}(\.\d{3})*$/);
  await expect(firstRow.getByRole("cell").nth(7)).toHaveText(/^\d{1,3}(,\d)?%$/);

  for (const chart of ["trend", "skill", "target_group", "affiliation", "gender", "ranking"]) {
    const link = page.locator(`a[href*='chart=${chart}&format=csv']`);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
  }
  const csv = await page.request.get("/api/export/indicators?unit=VN&chart=ranking&format=csv");
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toContain("Đơn vị");
  expect(text.split("\r\n").filter(Boolean)).toHaveLength(35);
  const xlsx = await page.request.get("/api/export/indicators?unit=VN&chart=trend&format=xlsx");
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
});

test("the period picker writes a quarter to the URL", async ({ page }) => {
  await signIn(page, "national.demo");
  const picker = page.getByTestId("period-picker");
  await picker.getByLabel("Kỳ báo cáo").selectOption("quarter");
  const quarter = picker.getByLabel("Quý", { exact: true });
  const value = await quarter.locator("option").nth(1).getAttribute("value");
  await quarter.selectOption(value!);
  await picker.getByRole("button", { name: "Xem" }).click();
  const [year, q] = value!.split("-Q");
  const first = String((Number(q) - 1) * 3 + 1).padStart(2, "0");
  await expect(page).toHaveURL(new RegExp(`kind=quarter&from=${year}-${first}-01&to=${year}-`));
  await expect(page.getByText(`Kỳ: ${first}/${year}`)).toBeVisible();
});

for (const account of [
  { username: "vinhlong.demo", heading: "Tổng quan Vĩnh Long", bars: true, commune: "Phường Phú Khương" },
  { username: "hanoi.demo", heading: "Tổng quan Hà Nội", bars: true, commune: "Phường Ba Đình" },
  { username: "phukhuong.demo", heading: "Tổng quan Phường Phú Khương", bars: false, unit: "28756" },
  { username: "badinh.demo", heading: "Tổng quan Phường Ba Đình", bars: false, unit: "00004" },
]) {
  test(`${account.username} opens its dashboard on a phone and a desktop`, async ({ page }) => {
    await page.setViewportSize(PHONE);
    await signIn(page, account.username);
    // Commune leads land on their to-do list; their dashboard is one link away.
    if (account.unit) await page.goto(`/units/${account.unit}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(account.heading);
    await expect(page.getByTestId("province-map")).toHaveCount(0);
    await expect(page.getByTestId("commune-bars")).toHaveCount(account.bars ? 1 : 0);
    await expectChartsDrawn(page, 6);
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
    expect(fits).toBe(true);
    await page.screenshot({ path: `test-results/dashboard-${account.username}-phone.png`, fullPage: true });
    await page.setViewportSize(DESKTOP);
    await page.reload();
    await expectChartsDrawn(page, 6);
    await page.screenshot({ path: `test-results/dashboard-${account.username}-desktop.png`, fullPage: true });
    if (account.commune) {
      await expect(page.getByText(/chưa có tổ CNSCĐ \(\d+\)/)).toBeVisible();
      await page.getByRole("table").getByRole("link", { name: account.commune }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Tổng quan ${account.commune}`);
      await expect(page.getByTestId("report-status")).toBeVisible();
    }
  });
}

test("the indicators API refuses units outside the caller's scope and signed-out callers", async ({ page, request }) => {
  expect((await request.get("/api/indicators?unit=VN")).status()).toBe(401);
  await signIn(page, "phukhuong.demo");
  for (const unit of ["00004", "86", "VN"]) expect((await page.request.get(`/api/indicators?unit=${unit}`)).status()).toBe(404);
  const own = await page.request.get("/api/indicators?unit=28756");
  expect(own.status()).toBe(200);
  expect((await own.json()).unit.code).toBe("28756");
  expect((await page.request.get("/api/indicators?unit=28756&from=2026-13-01")).status()).toBe(400);
  expect((await page.request.get("/api/export/indicators?unit=00004&chart=trend")).status()).toBe(404);
});
