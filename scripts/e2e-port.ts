import { execFileSync } from "node:child_process";

/**
 * The port the end-to-end server listens on: E2E_PORT when set, else one the operating system
 * reports free at this moment. Synchronous because Playwright loads its configuration
 * synchronously; the caller stores the answer in E2E_PORT so worker processes agree on it.
 */
export function resolveE2ePort(env: Record<string, string | undefined> = process.env): number {
  const given = Number(env.E2E_PORT);
  if (Number.isInteger(given) && given > 0 && given < 65536) return given;
  const script =
    'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})';
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim());
}
