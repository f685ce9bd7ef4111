import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "../support/e2e";

// Server actions on a shared, busy machine can take longer than the default five seconds.
const expect = baseExpect.configure({ timeout: 20_000 });

async function signedIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Password hashing on a busy machine can take a while on the first sign-in.
  await signIn(page, username, 40_000);
  return page;
}

/** Last month in Vietnam time as YYYY-MM, and a day of it as YYYY-MM-DD. */
function lastMonth(): { month: string; day: (d: number) => string } {
  const vn = new Date(Date.now() + 7 * 3600_000);
  const first = new Date(Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth() - 1, 1));
  const month = first.toISOString().slice(0, 7);
  return { month, day: (d) => `${month}-${String(d).padStart(2, "0")}` };
}

async function fillRow(page: Page, index: number, values: { team?: number; date?: string; skill?: string; group?: string; households?: string; guided?: string; completed?: string; note?: string }) {
  const row = page.getByTestId("guidance-row").nth(index);
  if (values.team !== undefined) {
    const select = row.getByLabel("Tổ CNSCĐ");
    const options = await select.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    await select.selectOption(options[values.team]);
  }
  if (values.date) await row.getByLabel("Ngày").fill(values.date);
  if (values.skill) await row.getByLabel("Kỹ năng").selectOption(values.skill);
  if (values.group) await row.getByLabel("Nhóm đối tượng").selectOption(values.group);
  if (values.households) await row.getByLabel("Số hộ đến").fill(values.households);
  if (values.guided) await row.getByLabel("Số người được hướng dẫn").fill(values.guided);
  if (values.completed) await row.getByLabel("Số người hoàn thành").fill(values.completed);
  if (values.note) await row.getByLabel("Ghi chú").fill(values.note);
}

test.setTimeout(180_000);

test("a commune records a week for two teams, submits the month; the province returns it, the lead fixes and resubmits, the province approves", async ({ browser }) => {
  const { month, day } = lastMonth();
  const [yyyy, mm] = month.split("-");
  const monthLabel = `${mm}/${yyyy}`;

  // The commune lead records several days of two teams in one submission.
  const lead = await signedIn(browser, "phukhuong.demo");
  await lead.goto("/guidance/new");
  await fillRow(lead, 0, { team: 0, date: day(6), skill: "1", group: "elderly", households: "4", guided: "12", completed: "7", note: "e2e-5b tuần" });
  await lead.getByRole("button", { name: "Nhân bản dòng 1" }).click();
  await expect(lead.getByTestId("guidance-row")).toHaveCount(2);
  await expect(lead.getByTestId("guidance-row").nth(1).getByLabel("Ngày")).toHaveValue(day(7));
  await lead.getByRole("button", { name: "Thêm dòng" }).click();
  await fillRow(lead, 2, { team: 1, date: day(6), skill: "3", group: "traders", households: "3", guided: "9", completed: "12", note: "e2e-5b tuần" });
  await lead.getByRole("button", { name: "Nhân bản dòng 3" }).click();
  await lead.getByRole("button", { name: "Lưu tất cả" }).click();
  // One bad row: nothing is saved, the error stands beside its field and every input is kept.
  await expect(lead.getByText("Số người hoàn thành không được lớn hơn số người được hướng dẫn.").first()).toBeVisible();
  await expect(lead.getByTestId("guidance-row")).toHaveCount(4);
  await expect(lead.getByTestId("guidance-row").nth(3).getByLabel("Số người được hướng dẫn")).toHaveValue("9");
  await fillRow(lead, 2, { completed: "5" });
  await fillRow(lead, 3, { completed: "6" });
  await lead.getByRole("button", { name: "Lưu tất cả" }).click();
  await expect(lead.getByText("Đã lưu 4 bản ghi.")).toBeVisible();

  // The lead reviews last month's totals and submits the report.
  await lead.goto("/reports");
  await lead.getByTestId(`report-${month}`).getByRole("link").click();
  await expect(lead.getByRole("heading", { level: 1 })).toHaveText(`Báo cáo tháng ${monthLabel}`);
  await expect(lead.getByRole("heading", { name: "Theo kỹ năng" })).toBeVisible();
  await lead.getByRole("button", { name: "Nộp báo cáo" }).click();
  await expect(lead.getByText("Đã nộp báo cáo tháng.")).toBeVisible();
  await expect(lead.locator("[data-status]").first()).toHaveAttribute("data-status", /^submitted/);

  // The province returns it with a comment; a return without one is refused.
  const province = await signedIn(browser, "vinhlong.demo");
  await province.goto(`/reports?month=${month}`);
  await province.getByRole("link", { name: "Phường Phú Khương" }).click();
  await province.getByRole("button", { name: "Trả lại báo cáo" }).click();
  await expect(province.locator("#comment-error")).toHaveText("Vui lòng ghi lý do trả lại.");
  await province.getByLabel("Lý do trả lại").fill("e2e-5b: đề nghị rà soát số người hoàn thành");
  await province.getByRole("button", { name: "Trả lại báo cáo" }).click();
  // Nothing happens until the province confirms, in a dialog that quotes the comment.
  const confirmReturn = province.getByRole("dialog", { name: `Trả lại báo cáo tháng ${monthLabel} của Phường Phú Khương?` });
  await expect(confirmReturn).toContainText("e2e-5b: đề nghị rà soát số người hoàn thành");
  await confirmReturn.getByRole("button", { name: "Xác nhận" }).click();
  await expect(province.getByText("Đã trả lại báo cáo; xã có thể sửa và nộp lại.")).toBeVisible();

  // The lead sees the comment, fixes a record of the month and resubmits.
  await lead.goto(`/guidance?from=${month}&to=${month}&sort=peopleGuided&dir=desc`);
  await lead.getByRole("table").getByRole("link").first().click();
  await lead.getByLabel("Số người hoàn thành").fill("0");
  await lead.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(lead.getByText("Đã lưu thay đổi.")).toBeVisible();
  await lead.goto(`/reports/28756/${month}`);
  await expect(lead.getByTestId("review-comment")).toContainText("e2e-5b: đề nghị rà soát");
  await lead.getByRole("button", { name: "Nộp lại báo cáo" }).click();
  await expect(lead.getByText("Đã nộp báo cáo tháng.")).toBeVisible();

  // The province approves; the month stays locked.
  await province.goto(`/reports/28756/${month}`);
  await province.getByRole("button", { name: "Duyệt báo cáo" }).click();
  // Cancelling the confirmation leaves the report as it was; confirming approves it.
  const confirmApprove = province.getByRole("dialog", { name: `Duyệt báo cáo tháng ${monthLabel} của Phường Phú Khương?` });
  await confirmApprove.getByRole("button", { name: "Hủy" }).click();
  await expect(confirmApprove).toBeHidden();
  await expect(province.locator("[data-status]").first()).toHaveAttribute("data-status", /^submitted/);
  await province.getByRole("button", { name: "Duyệt báo cáo" }).click();
  await confirmApprove.getByRole("button", { name: "Xác nhận" }).click();
  await expect(province.getByText("Đã duyệt báo cáo.")).toBeVisible();
  await expect(province.locator("[data-status]").first()).toHaveAttribute("data-status", "approved");
  await lead.goto(`/guidance?from=${month}&to=${month}`);
  await lead.getByRole("table").getByRole("link").first().click();
  await expect(lead.getByText("Báo cáo tháng này đã nộp hoặc đã được duyệt nên bản ghi bị khóa.", { exact: false })).toBeVisible();
});

test("exports refuse anonymous callers and unknown formats", async ({ browser, request }) => {
  expect((await request.get("/api/export/guidance?format=csv")).status()).toBe(401);
  expect((await request.get("/api/export/reports?format=csv")).status()).toBe(401);
  const page = await signedIn(browser, "badinh.demo");
  expect((await page.request.get("/api/export/guidance?format=pdf")).status()).toBe(400);
  const csv = await page.request.get("/api/export/guidance?format=csv");
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).not.toContain("Phú Khương");
  expect((await page.request.get("/api/export/reports?format=xlsx")).headers()["content-type"]).toContain("spreadsheetml");
});
