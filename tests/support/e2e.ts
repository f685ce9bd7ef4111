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
