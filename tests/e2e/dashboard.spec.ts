import AxeBuilder from "@axe-core/playwright";
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

/** The figures of one column of the ranking (Vietnamese thousands separators), top to bottom. */
async function rankingColumn(page: Page, column: number): Promise<number[]> {
  const cells = await page.getByTestId("ranking").locator(`tbody tr td:nth-child(${column + 1})`).allTextContents();
  return cells.map((c) => Number(c.replace(/\./g, "")));
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

  // A commune opens in place from its bar and from the ranking, as any link in the app: the page is not reloaded.
  const stays = () => page.evaluate(() => (window as unknown as { stays?: boolean }).stays === true);
  await page.evaluate(() => ((window as unknown as { stays?: boolean }).stays = true));
  const bar = page.getByTestId("commune-bars").getByRole("link").first();
  const barCommune = (await bar.locator("span").nth(1).textContent())!;
  await bar.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Tổng quan ${barCommune}`);
  expect(await stays()).toBe(true);
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tổng quan Vĩnh Long");

  await page.getByRole("table").getByRole("link", { name: "Phường Phú Khương" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tổng quan Phường Phú Khương");
  await expect(page.getByTestId("report-status")).toBeVisible();
  expect(await stays()).toBe(true);
});

test("national: the ranking sorts in the URL and each chart downloads as CSV and XLSX", async ({ page }) => {
  await signIn(page, "national.demo");
  const membersHeader = page.getByRole("columnheader", { name: "Thành viên", exact: true });
  // Sorting opens in place and keeps the reader where the table is.
  await page.evaluate(() => ((window as unknown as { stays?: boolean }).stays = true));
  await membersHeader.scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(0);
  await membersHeader.getByRole("link").click();
  // Counts sort largest first; the server sorts the rows.
  await expect(page).toHaveURL(/sort=members&dir=desc/);
  expect(await page.evaluate(() => (window as unknown as { stays?: boolean }).stays)).toBe(true);
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
  await expect(membersHeader).toHaveAttribute("aria-sort", "descending");
  expect(await rankingColumn(page, 4)).toEqual([...(await rankingColumn(page, 4))].sort((a, b) => b - a));
  // The same header again turns the order round.
  await membersHeader.getByRole("link").click();
  await expect(page).toHaveURL(/sort=members&dir=asc/);
  await expect(membersHeader).toHaveAttribute("aria-sort", "ascending");
  const ascending = await rankingColumn(page, 4);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  expect(ascending).toHaveLength(34);
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
  // A download the server refuses (here a chart that does not exist) is told on the page, and nothing is saved.
  const refused: string[] = [];
  page.on("download", (d) => refused.push(d.suggestedFilename()));
  const gender = page.locator("a[href*='chart=gender&format=csv']");
  await gender.evaluate((a: HTMLAnchorElement) => (a.href = a.href.replace("chart=gender", "chart=nothing")));
  await page.locator("a[href*='chart=nothing&format=csv']").click();
  await expect(page.getByTestId("download-refused")).toContainText("không hợp lệ");
  expect(refused).toEqual([]);
  await expect(page).toHaveURL(/sort=members&dir=asc/);
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
    // A commune's teams are cards on a phone, each figure named beside it; a table on a desktop.
    const teamFigure = page.locator("section[aria-labelledby=commune-teams] tbody tr").first().locator("td").nth(1);
    if (account.unit) {
      await expect(teamFigure).toHaveCSS("display", "grid");
      expect(await teamFigure.evaluate((td) => getComputedStyle(td, "::before").content)).toBe('"Thành viên"');
    }
    await page.setViewportSize(DESKTOP);
    await page.reload();
    await expectChartsDrawn(page, 6);
    await page.screenshot({ path: `test-results/dashboard-${account.username}-desktop.png`, fullPage: true });
    if (account.unit) await expect(teamFigure).toHaveCSS("display", "table-cell");
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

/** Serious and critical axe findings on the page as it is now. */
async function axeBlocking(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("a province's ranking is one table: cards with named figures on a phone, sortable there too, in both languages", async ({ page, context, baseURL }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "vinhlong.demo");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tổng quan Vĩnh Long");
  const ranking = page.getByTestId("ranking");
  // Each commune is drawn once (one row), not once as a row and again as a card.
  const rows = ranking.locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(50);
  // Phường Phú Khương (28756) is linked from its row and its bar, nowhere else.
  await expect(page.locator("main a[href^='/units/28756']")).toHaveCount(2);

  // On a phone a row is a card: every figure sits inside the screen beside its column's name.
  const card = rows.first();
  await card.scrollIntoViewIfNeeded();
  const box = (await card.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  const label = (cell: number) => card.locator("td").nth(cell).evaluate((td) => getComputedStyle(td, "::before").content);
  expect(await label(0)).toBe('"Hạng"');
  expect(await label(3)).toBe('"Thành viên"');
  expect(await label(5)).toBe('"Lượt người được hướng dẫn"');
  for (const cell of await card.locator("td").all()) {
    const b = (await cell.boundingBox())!;
    expect(b.x + b.width).toBeLessThanOrEqual(PHONE.width);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  await page.screenshot({ path: "test-results/dashboard-ranking-phone.png", fullPage: true });

  // The sort links are on screen above the cards and sort on the server.
  const guided = ranking.getByRole("columnheader", { name: "Lượt người được hướng dẫn" }).getByRole("link");
  await expect(guided).toBeVisible();
  await guided.click();
  await expect(page).toHaveURL(/sort=guided&dir=desc/);
  await expect(ranking.getByRole("columnheader", { name: "Lượt người được hướng dẫn" })).toHaveAttribute("aria-sort", "descending");
  const figures = await rankingColumn(page, 5);
  expect(figures).toEqual([...figures].sort((a, b) => b - a));
  expect(await axeBlocking(page)).toEqual([]);

  // The same cards in English, named from the English messages.
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await page.reload();
  // Messages with arguments are compiled once per language and kept: each language keeps its own.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview of Vĩnh Long");
  await expect(page.getByText(/^\d+(\.\d)? members per team$/).first()).toBeVisible();
  expect(await page.getByTestId("ranking").locator("tbody tr").first().locator("td").nth(3).evaluate((td) => getComputedStyle(td, "::before").content)).toBe('"Members"');
  await expect(page.getByTestId("ranking").getByRole("columnheader", { name: "People guided" })).toHaveAttribute("aria-sort", "descending");

  // On a desktop it is a plain table, and the page passes axe there as well.
  await context.addCookies([{ name: "NEXT_LOCALE", value: "vi", url: baseURL! }]);
  await page.setViewportSize(DESKTOP);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tổng quan Vĩnh Long");
  await expect(page.getByText(/^\d+(,\d)? thành viên\/tổ$/).first()).toBeVisible();
  await expect(page.getByTestId("ranking").locator("tbody tr").first().locator("td").first()).toHaveCSS("display", "table-cell");
  expect(await page.getByTestId("ranking").locator("td").first().evaluate((td) => getComputedStyle(td, "::before").content)).toBe("none");
  expect(await axeBlocking(page)).toEqual([]);
  await page.screenshot({ path: "test-results/dashboard-ranking-desktop.png", fullPage: true });
});
