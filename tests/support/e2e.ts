import { expect, type Page } from "@playwright/test";

/** The password of every demo account (`db/seed/demo.ts`). */
export const DEMO_PASSWORD = "cnscd-demo-2025";

/** Signs in through the login form and waits for the shell to name the signed-in user. */
export async function signIn(page: Page, username: string, timeout = 30_000) {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible({ timeout });
}

/**
 * Follows a section of the phone's menu from a changed form and declines to leave: the app must ask
 * first (a confirmation), and the form stays. The menu is closed again afterwards.
 */
export async function declineLeavingThroughMenu(page: Page, section = "Tổng quan") {
  const asked: string[] = [];
  page.once("dialog", (dialog) => {
    asked.push(dialog.type());
    void dialog.dismiss();
  });
  const menu = page.locator("summary", { hasText: "Menu" });
  await menu.click();
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: section, exact: true }).click();
  await expect.poll(() => asked, { timeout: 30_000 }).toEqual(["confirm"]);
  await menu.click();
}
