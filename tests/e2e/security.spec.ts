import { request as httpRequest } from "node:http";
import { expect, request as playwrightRequest, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { signIn } from "../support/e2e";

/** The `serverActions.bodySizeLimit` of next.config.ts. */
const ACTION_BODY_LIMIT = 6 * 1024 * 1024;

/** The id of the sign-in form's server action, as the page hands it to the browser. */
async function signInActionId(baseURL: string): Promise<string> {
  const html = await (await fetch(`${baseURL}/login`)).text();
  const id = /\$ACTION_ID_([0-9a-f]+)/.exec(html)?.[1];
  if (!id) throw new Error("no server action on the sign-in page");
  return id;
}

/**
 * Posts `bytes` of body to a server action straight through Node's HTTP client, declared with a
 * Content-Length or sent in chunks without one, and resolves with the status the server answered
 * (the server may stop reading once it has answered, so a failed write after that is expected).
 */
function postActionBody(baseURL: string, actionId: string, bytes: number, chunked: boolean): Promise<number> {
  const url = new URL("/login", baseURL);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          "next-action": actionId,
          "content-type": "text/plain;charset=UTF-8",
          ...(chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(bytes) }),
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", (error) => setTimeout(() => reject(error), 2000));
    const chunk = Buffer.alloc(64 * 1024, "x");
    let sent = 0;
    const write = () => {
      while (sent < bytes) {
        const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += part.length;
        if (req.destroyed) return;
        if (!req.write(part)) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

test.describe("a server action body over the limit", () => {
  for (const chunked of [false, true]) {
    test(`is refused with 413 when ${chunked ? "sent in chunks without a length" : "its length is declared"}`, async ({ baseURL }) => {
      const actionId = await signInActionId(baseURL!);
      expect(await postActionBody(baseURL!, actionId, ACTION_BODY_LIMIT + 512 * 1024, chunked)).toBe(413);
    });
  }

  test("leaves a chunked body within the limit to the action", async ({ baseURL }) => {
    const actionId = await signInActionId(baseURL!);
    // The body is no valid action payload, but it reaches the action handler: not a 413.
    expect(await postActionBody(baseURL!, actionId, 64 * 1024, true)).not.toBe(413);
  });
});

const TEXT = "text/plain;charset=UTF-8";
const MULTIPART = "multipart/form-data; boundary=XyZ";
/** A multipart body whose parts are given as name → value, closed or cut off. */
const parts = (fields: Record<string, string>, closed = true) =>
  Object.entries(fields)
    .map(([name, value]) => `--XyZ\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join("") + (closed ? "--XyZ--\r\n" : "--XyZ\r\nContent-Disposit");

/**
 * Server-action requests a browser never sends: bodies that do not decode or decode to arguments of
 * the wrong shape, calls from another site, and action ids that are malformed or unknown (without
 * `action`, the id of the sign-in action is sent). Each is answered as a bad request (or, for a
 * well-formed id the build does not know, with Next.js's own 409), never with a server error.
 */
const HOSTILE_ACTIONS: { name: string; action?: string; type?: string; body: string | Uint8Array<ArrayBuffer>; origin?: string; status: number }[] = [
  { name: "random bytes as text", type: TEXT, body: new Uint8Array([0xff, 0x00, 0x7b, 0x22, 0x5b, 0x13, 0xc3]), status: 400 },
  { name: "an empty body", type: TEXT, body: "", status: 400 },
  { name: "a JSON object instead of an argument list", type: TEXT, body: '{"a":1}', status: 400 },
  { name: "a JSON number", type: TEXT, body: "42", status: 400 },
  { name: "an empty argument list", type: TEXT, body: "[]", status: 400 },
  { name: "arguments of the wrong types", type: TEXT, body: '[1,"x",null]', status: 400 },
  { name: "a reference to a part that was not sent", type: TEXT, body: '["$1"]', status: 400 },
  { name: "a reference to an unknown server function", type: TEXT, body: '["$h1"]', status: 400 },
  { name: "no content type", body: "[]", status: 400 },
  { name: "a JSON content type with no JSON", type: "application/json", body: "xx", status: 400 },
  { name: "multipart without a boundary", type: "multipart/form-data", body: "garbage", status: 400 },
  { name: "multipart cut off inside a part", type: MULTIPART, body: '--XyZ\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"', status: 400 },
  { name: "multipart cut off between parts", type: MULTIPART, body: parts({ 0: "[1]" }, false), status: 400 },
  { name: "multipart whose root is not JSON", type: MULTIPART, body: parts({ 0: "{bad" }), status: 400 },
  { name: "multipart without a root part", type: MULTIPART, body: parts({ x: "hi" }), status: 400 },
  { name: "multipart referring to a part that was not sent", type: MULTIPART, body: parts({ 0: '["$1","$K2"]' }), status: 400 },
  { name: "a form post cut off, without an action header", action: "", type: MULTIPART, body: parts({ $ACTION_ID_: "" }, false), status: 400 },
  { name: "a malformed action id", action: "not an id!", type: TEXT, body: "[]", status: 400 },
  { name: "an overlong action id", action: "a".repeat(5000), type: TEXT, body: "[]", status: 400 },
  { name: "a call from another site", type: TEXT, origin: "https://evil.example", body: "[]", status: 400 },
  { name: "an unknown action id", action: `00${"ab".repeat(20)}`, type: TEXT, body: "[]", status: 409 },
];

test("a malformed server-action request is refused as bad input, never a server error, and the server carries on", async ({ page, baseURL }) => {
  const actionId = await signInActionId(baseURL!);
  const answers: Record<string, number> = {};
  const expected: Record<string, number> = {};
  for (const c of HOSTILE_ACTIONS) {
    const action = c.action ?? actionId;
    const headers: Record<string, string> = { ...(action ? { "next-action": action } : {}), ...(c.type ? { "content-type": c.type } : {}), ...(c.origin ? { origin: c.origin } : {}) };
    const res = await fetch(`${baseURL}/login`, { method: "POST", headers, body: c.body });
    answers[c.name] = res.status;
    expected[c.name] = c.status;
    await res.arrayBuffer();
  }
  expect(answers).toEqual(expected);
  // A body the action cannot decode is told in a few words, not with a stack of the server's internals.
  const undecodable = await fetch(`${baseURL}/login`, { method: "POST", headers: { "next-action": actionId, "content-type": TEXT }, body: "{" });
  expect(undecodable.headers.get("content-type")).toMatch(/^text\/plain/);
  expect(await undecodable.text()).toMatch(/^Yêu cầu không hợp lệ/);
  // A real action still works afterwards.
  await signIn(page, "phukhuong.demo");
});

/** A request context that carries a browser context's cookies as they are now, and keeps them. */
async function frozenSession(context: BrowserContext, baseURL: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, storageState: { cookies: await context.cookies(), origins: [] } });
}

/** Status of each door a signed-in user goes through: a page, the indicators API, a personal-data export. */
async function doors(session: APIRequestContext) {
  const page = await session.get("/members");
  return {
    page: new URL(page.url()).pathname,
    api: (await session.get("/api/indicators?unit=01")).status(),
    export: (await session.get("/api/export/members?format=csv")).status(),
  };
}

test("signing out ends the session: the old cookie is refused everywhere and is not renewed", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "hanoi.demo");
  const stale = await frozenSession(context, baseURL!);
  expect(await doors(stale)).toEqual({ page: "/members", api: 200, export: 200 });

  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/login/);

  expect(await doors(stale)).toEqual({ page: "/login", api: 401, export: 401 });
  const session = await stale.get("/api/auth/session");
  expect(await session.json()).toBeNull();
  // No fresh session cookie comes back for the old one.
  const renewed = session.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie" && /session-token=[^;]/.test(h.value));
  expect(renewed).toEqual([]);
  expect(await doors(stale)).toEqual({ page: "/login", api: 401, export: 401 });
  await stale.dispose();
  await context.close();
});

test.describe("an account with a temporary password", () => {
  test.describe.configure({ mode: "serial" });
  const username = `tam.thoi.${Date.now().toString(36)}`;
  const temporary = "Tam-thoi-vinh-long-2026";
  const chosen = "Mat-khau-moi-cua-toi-2026";

  test("is sent to the password page, and its API and export calls are refused", async ({ browser, baseURL }) => {
    const admin = await browser.newPage();
    await signIn(admin, "vinhlong.demo");
    await admin.goto("/accounts/new");
    await admin.getByLabel("Tên đăng nhập").fill(username);
    await admin.getByLabel("Họ và tên").fill("Người Dùng Tạm Thời");
    const commune = admin.getByLabel("Xã/phường/đặc khu");
    const communes = await commune.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    await commune.selectOption(communes[1]);
    await admin.getByLabel("Mật khẩu ban đầu").fill(temporary);
    await admin.getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(admin.getByText("Đã tạo tài khoản.")).toBeVisible({ timeout: 30_000 });
    await admin.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Tên đăng nhập").fill(username);
    await page.getByLabel("Mật khẩu").fill(temporary);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page).toHaveURL(/\/account\/password/, { timeout: 30_000 });
    await expect(page.getByText("Bạn đang dùng mật khẩu tạm thời")).toBeVisible();
    await page.goto("/members");
    await expect(page).toHaveURL(/\/account\/password/);

    const session = await frozenSession(context, baseURL!);
    expect((await session.get("/api/indicators?unit=86")).status()).toBe(401);
    expect((await session.get("/api/export/members?format=csv")).status()).toBe(401);
    expect((await session.get("/api/export/teams?format=xlsx")).status()).toBe(401);
    const template = await session.get("/members/import/template", { maxRedirects: 0 });
    expect(template.headers()["content-disposition"]).toBeUndefined();
    expect(template.headers().location).toMatch(/\/login/);
    await session.dispose();
    await context.close();
  });

  test("changes it, loses the warning and lands on the home page", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Tên đăng nhập").fill(username);
    await page.getByLabel("Mật khẩu").fill(temporary);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page).toHaveURL(/\/account\/password/, { timeout: 30_000 });
    await page.getByLabel("Mật khẩu hiện tại").fill(temporary);
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill(chosen);
    await page.getByLabel("Nhập lại mật khẩu mới").fill(chosen);
    await page.getByRole("button", { name: "Lưu mật khẩu mới" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/", { timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Việc cần làm");
    await page.goto("/account/password");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đổi mật khẩu");
    await expect(page.getByText("Bạn đang dùng mật khẩu tạm thời")).toHaveCount(0);
  });

  test("is told on the page when it has reached its download limit", async ({ page }) => {
    await signInAs(page, username, chosen);
    await page.goto("/members");
    // The limit is per user: use it up with plain requests, then download from the page.
    for (let i = 0; i < 30; i++) expect((await page.request.get("/api/export/members?format=csv")).status()).toBe(200);
    const downloads: string[] = [];
    page.on("download", (d) => downloads.push(d.suggestedFilename()));
    await page.getByRole("link", { name: "Tải CSV" }).click();
    await expect(page.getByTestId("download-refused")).toContainText("Bạn đã tải quá nhiều tệp có dữ liệu cá nhân trong một giờ");
    await expect(page).toHaveURL(/\/members/);
    expect(downloads).toEqual([]);
  });
});

async function signInAs(page: Page, username: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible({ timeout: 30_000 });
}

test("a list says which filter it ignored, downloads what it shows, and tells a refused download on the page", async ({ page }) => {
  await signIn(page, "phukhuong.demo");
  await page.goto("/trainings?from=2026-02-30");
  await expect(page.getByTestId("query-notice")).toContainText("Từ ngày");
  const csv = page.getByRole("link", { name: /CSV/ }).first();
  // The download carries the filters the list applied, not the one it ignored.
  const saved = page.waitForEvent("download");
  await csv.click();
  expect((await saved).suggestedFilename()).toMatch(/\.csv$/);

  // A link whose filter the server refuses (a stale page, an edited address) says so and saves nothing.
  await csv.evaluate((a: HTMLAnchorElement) => (a.href = `${a.href}&from=2026-02-30`));
  const downloads: string[] = [];
  page.on("download", (d) => downloads.push(d.suggestedFilename()));
  await csv.click();
  await expect(page.getByTestId("download-refused")).toContainText("bộ lọc trên trang không hợp lệ");
  await expect(page).toHaveURL(/\/trainings/);
  expect(downloads).toEqual([]);
});

test("a download that is allowed is saved as its file", async ({ page }) => {
  await signIn(page, "phukhuong.demo");
  await page.goto("/teams");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải CSV" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
});

test("a dashboard asked for an impossible period says it shows the default one", async ({ page }) => {
  await signIn(page, "vinhlong.demo");
  await page.goto("/units/86?from=0000-01-01&to=2026-13-01");
  await expect(page.getByTestId("query-notice")).toContainText("Khoảng thời gian trên địa chỉ trang không hợp lệ");
  await page.goto("/units/86?from=2026-01-01&to=2026-03-01");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tổng quan Vĩnh Long");
  await expect(page.getByTestId("query-notice")).toHaveCount(0);
});
