import { defineConfig } from "@playwright/test";

/**
 * Two production servers on one PostgreSQL primary and its streaming replica, started by
 * `.ci/run` (or by hand, see docs/deploy.md); their addresses arrive in SERVER_A_URL and
 * SERVER_B_URL, the replica's in REPLICA_URL.
 */
export default defineConfig({
  testDir: "tests/multi-server",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: "list",
  timeout: 180_000,
  use: {
    baseURL: process.env.SERVER_A_URL,
    browserName: "chromium",
    headless: true,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
});
