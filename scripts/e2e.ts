import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

if (!existsSync(chromium)) {
  console.error(
    `No Chromium found at ${chromium}. Install it with \`apt-get install -y chromium\` (Debian) ` +
      "or set CHROMIUM_PATH to a Chromium/Chrome binary.",
  );
  process.exit(1);
}

// The end-to-end server always starts from an empty embedded database of its own.
rmSync(path.join(root, ".data-e2e"), { recursive: true, force: true });

const result = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, CHROMIUM_PATH: chromium, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" },
});
if (result.error) console.error(result.error.message);
process.exit(result.status ?? 1);
