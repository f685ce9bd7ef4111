import { expect as baseExpect, test, type Page } from "@playwright/test";
import { signIn } from "../support/e2e";

// The shared CI machine can be slow to sign in and render; wait longer, assert nothing about time.
const expect = baseExpect.configure({ timeout: 30_000 });

const HAMLET = "Khóm Rạch Sen E2E";
const TEAM = "Tổ CNSCĐ Khóm Rạch Sen E2E";
const MEMBER = "Võ Thị Ánh Tuyết E2E";

async function searchMembers(page: Page, q: string) {
  await page.goto("/members");
  await page.getByRole("searchbox", { name: "Tìm kiếm" }).fill(q);
  await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page).toHaveURL(/q=/);
}

test.describe.configure({ mode: "serial", timeout: 300_000 });

let teamPath = "";

test("a commune lead builds a roster: hamlet, team, member with a +84 phone, search, remove and restore", async ({ page }) => {
  page.on("dialog", (dialog) => dialog.accept());
  await signIn(page, "phukhuong.demo");

  await page.goto("/hamlets");
  await page.getByRole("link", { name: "Thêm thôn, tổ dân phố" }).click();
  await page.getByLabel("Tên", { exact: true }).fill(HAMLET);
  await page.getByLabel("Loại").selectOption({ label: "Khóm" });
  await page.getByLabel("Số hộ").fill("ba trăm");
  await page.getByRole("button", { name: "Thêm mới" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Số hộ: Số hộ phải là số nguyên từ 0 đến 100.000.");
  await expect(page.locator("#households-error")).toHaveText("Số hộ phải là số nguyên từ 0 đến 100.000.");
  await expect(page.getByLabel("Tên", { exact: true })).toHaveValue(HAMLET);
  await page.getByLabel("Số hộ").fill("312");
  await page.getByRole("button", { name: "Thêm mới" }).click();
  await expect(page.getByRole("heading", { level: 1, name: HAMLET })).toBeVisible();

  await page.getByRole("link", { name: "Thành lập tổ cho thôn này" }).click();
  await page.getByLabel("Tên tổ").fill(TEAM);
  await expect(page.getByLabel("Thôn, tổ dân phố")).toHaveValue(/\d+/);
  await page.getByLabel("Nhóm Zalo").fill("https://example.com/g/abc");
  await page.getByRole("button", { name: "Thành lập tổ" }).click();
  await expect(page.locator("#zaloUrl-error")).toContainText("Đường dẫn nhóm Zalo không hợp lệ");
  await page.getByLabel("Nhóm Zalo").fill("zalo.me/g/rachsen2025");
  await page.getByRole("button", { name: "Thành lập tổ" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TEAM })).toBeVisible();
  teamPath = new URL(page.url()).pathname;

  await page.getByRole("link", { name: "Thêm thành viên" }).click();
  await page.getByLabel("Họ và tên").fill(MEMBER);
  await page.getByLabel("Giới tính").selectOption({ label: "Nữ" });
  await page.getByLabel("Năm sinh").fill("1992");
  await page.getByLabel("Số điện thoại").fill("+84 912 000 111");
  await page.getByLabel("Chức danh").selectOption({ label: "Tổ trưởng" });
  await page.getByLabel("Hội Liên hiệp Phụ nữ").check();
  await page.getByRole("button", { name: "Thêm thành viên" }).click();
  await expect(page.getByRole("heading", { level: 1, name: MEMBER })).toBeVisible();
  await expect(page.getByTestId("member-phone")).toHaveText("0912 000 111");

  await searchMembers(page, "vo thi anh tuyet");
  await expect(page.getByRole("link", { name: MEMBER })).toBeVisible();
  await expect(page.getByRole("cell", { name: "0912 000 111" })).toBeVisible();

  await page.getByRole("link", { name: MEMBER }).click();
  await page.getByRole("button", { name: "Xóa", exact: true }).click();
  await expect(page.getByText("Bản ghi này đã bị xóa lúc", { exact: false })).toBeVisible();
  await searchMembers(page, "vo thi anh tuyet");
  await expect(page.getByRole("link", { name: MEMBER })).toHaveCount(0);

  await page.goto("/members?status=removed&q=anh+tuyet");
  await page.getByRole("link", { name: MEMBER }).click();
  await page.getByRole("button", { name: "Khôi phục" }).click();
  await expect(page.getByRole("button", { name: "Xóa", exact: true })).toBeVisible();
  await searchMembers(page, "VO THI ANH TUYET");
  await expect(page.getByRole("link", { name: MEMBER })).toBeVisible();
});

test("a national user sees the member with a masked phone and no way to edit", async ({ page }) => {
  await signIn(page, "national.demo");
  await searchMembers(page, "vo thi anh tuyet e2e");
  await expect(page.getByRole("cell", { name: "09xx xxx 111" })).toBeVisible();
  await expect(page.getByText("0912 000 111")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Nhập từ Excel" })).toHaveCount(0);
  await page.getByRole("link", { name: MEMBER }).click();
  await expect(page.getByTestId("member-phone")).toHaveText("09xx xxx 111");
  await expect(page.getByRole("button", { name: "Lưu" })).toHaveCount(0);

  const csv = await page.request.get("/api/export/members?format=csv&q=vo+thi+anh+tuyet+e2e");
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain(MEMBER);
  expect(text).toContain("09xx xxx 111");
  expect(text).not.toContain("0912000111");
  expect((await page.request.get("/api/export/members?format=pdf")).status()).toBe(400);
});

test("exports refuse a caller who is not signed in", async ({ request }) => {
  expect((await request.get("/api/export/members?format=csv")).status()).toBe(401);
  expect((await request.get("/api/export/teams?format=xlsx")).status()).toBe(401);
});

test("a commune lead of another commune gets not found on the team's page", async ({ page }) => {
  expect(teamPath).toMatch(/^\/teams\/\d+$/);
  await signIn(page, "badinh.demo");
  const response = await page.goto(teamPath);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Không tìm thấy trang" })).toBeVisible();
  await page.goto("/members");
  await expect(page.getByRole("link", { name: "Nhập từ Excel" })).toHaveAttribute("href", "/members/import");
  await expect(page.getByRole("link", { name: "Tải mẫu" })).toHaveAttribute("href", "/members/import/template");
});
