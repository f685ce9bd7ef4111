import { expect as baseExpect, test, type Page } from "@playwright/test";
import { declineLeavingThroughMenu, signIn } from "../support/e2e";

// The shared CI machine can be slow to render; wait longer, assert nothing about time.
const expect = baseExpect.configure({ timeout: 30_000 });

test.describe.configure({ timeout: 180_000 });
test.use({ viewport: { width: 390, height: 844 } });

/** A name of letters only (a person's name carries no digits), different on every run. */
const surname = () => `Tạm ${Date.now().toString(26).replace(/./g, (c) => "abcdefghijklmnopqrstuvwxyz"[parseInt(c, 26)])}`;

/** Adds a member to the commune's first team and returns their page. */
async function newMember(page: Page, fullName: string): Promise<string> {
  await page.goto("/members/new");
  const team = page.getByLabel("Tổ", { exact: true });
  await team.selectOption((await team.locator("option").nth(1).getAttribute("value"))!);
  await page.getByLabel("Họ và tên").fill(fullName);
  await page.getByLabel("Giới tính").selectOption({ label: "Nữ" });
  await page.getByRole("button", { name: "Thêm thành viên" }).click();
  await expect(page).toHaveURL(/\/members\/\d+\?created=1$/);
  return new URL(page.url()).pathname;
}

test("a refused training form lists every error at once, focused, keeps every value and warns before leaving; corrected, it saves", async ({ page, context }) => {
  await signIn(page, "phukhuong.demo");
  const name = `Trần Thị ${surname()}`;
  const memberPath = await newMember(page, name);

  await page.goto("/trainings/new");
  const title = `Lớp giữ giá trị ${name}`;
  await page.getByLabel("Tên lớp").fill(title);
  await page.getByLabel("Chữ ký số", { exact: true }).check();
  await page.getByLabel("Số giờ").fill("hai");
  await page.getByLabel("Hình thức").selectOption("hybrid");
  await page.getByLabel("Người tham dự ngoài Tổ CNSCĐ").fill("5");
  await page.getByLabel("Tìm thành viên hoặc tổ").fill(name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d"));
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await page.getByTestId("attendee-results").getByRole("button", { name: `Thêm: ${name}` }).click();
  await expect(page.getByTestId("attendee-count")).toHaveText("Đã chọn 1 thành viên");

  // Meanwhile, in another tab, the member is removed from the roster.
  const other = await context.newPage();
  await other.goto(memberPath);
  other.once("dialog", (dialog) => void dialog.accept());
  await other.getByRole("button", { name: "Xóa", exact: true }).click();
  await expect(other.getByText(/^Đã xóa\./)).toBeVisible();
  await other.close();

  // Refused: the schema's errors and the attendee check in one round, the summary focused.
  await page.getByRole("button", { name: "Lưu lớp bồi dưỡng" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  await expect(summary.getByRole("link")).toHaveCount(3);
  await expect(summary).toContainText("Số giờ");
  await expect(summary).toContainText("Địa điểm hoặc đường dẫn");
  await expect(summary).toContainText("Thành viên tham dự: Có thành viên không thuộc phạm vi");
  await expect(page.locator("#memberIds-error")).toContainText("Có thành viên không thuộc phạm vi");
  await expect(page.getByLabel("Tên lớp")).toHaveValue(title);
  await expect(page.getByLabel("Chữ ký số", { exact: true })).toBeChecked();
  await expect(page.getByLabel("Số giờ")).toHaveValue("hai");
  await expect(page.getByLabel("Hình thức")).toHaveValue("hybrid");
  await expect(page.getByLabel("Người tham dự ngoài Tổ CNSCĐ")).toHaveValue("5");
  await expect(page.getByTestId("attendee-selected")).toContainText(name);
  await page.screenshot({ path: "test-results/field-trainings-refused-phone.png" });

  // Each item of the summary leads to its field.
  await summary.getByRole("link", { name: /Số giờ/ }).click();
  await expect(page.getByLabel("Số giờ")).toBeFocused();

  // Leaving the changed form asks first; staying keeps it.
  await declineLeavingThroughMenu(page);
  await expect(page).toHaveURL(/\/trainings\/new$/);
  await expect(page.getByLabel("Tên lớp")).toHaveValue(title);

  // Corrected: the removed member taken off, a whole team added instead; the form saves.
  await page.getByLabel("Số giờ").fill("1,5");
  await page.getByLabel("Địa điểm hoặc đường dẫn").fill("Nhà văn hóa khu phố 2");
  await page.getByTestId("attendee-selected").getByRole("button", { name: `Bỏ: ${name}` }).click();
  await page.getByLabel("Tìm thành viên hoặc tổ").fill("");
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await page.getByTestId("attendee-results").getByRole("button", { name: /^Thêm cả tổ/ }).first().click();
  await expect(page.getByText(/^Đã thêm \d+ thành viên của /)).toBeVisible();
  const picked = Number((await page.getByTestId("attendee-count").textContent())!.replace(/\D/g, ""));
  expect(picked).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Lưu lớp bồi dưỡng" }).click();
  await expect(page).toHaveURL(/\/trainings\/\d+\?created=1$/);
  await expect(page.getByText("Đã thêm lớp bồi dưỡng.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("heading", { name: `Thành viên tham dự (${picked})` })).toBeVisible();
});

test("a refused training edit keeps its attendees and leaves the saved training as it was", async ({ page }) => {
  await signIn(page, "phukhuong.demo");
  await page.goto("/trainings?level=commune");
  const href = await page
    .locator("main a[href]")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? "").find((h) => /^\/trainings\/\d+$/.test(h)) ?? null);
  expect(href).not.toBeNull();
  await page.goto(`${href}?edit=1`);
  const savedTitle = await page.getByLabel("Tên lớp").inputValue();
  const count = await page.getByTestId("attendee-count").textContent();
  await page.getByLabel("Tên lớp").fill("");
  await page.getByLabel("Số giờ").fill("0");
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Tên lớp");
  await expect(summary).toContainText("Số giờ");
  await expect(page.getByTestId("attendee-count")).toHaveText(count!);
  await expect(page.getByLabel("Số giờ")).toHaveValue("0");
  await page.screenshot({ path: "test-results/field-trainings-edit-refused-phone.png" });
  await page.goto(href!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(savedTitle);
});
