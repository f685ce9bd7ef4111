import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";

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
