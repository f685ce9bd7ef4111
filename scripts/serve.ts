/**
 * The production server: Next.js's request handler on Node's HTTP server, in one process per
 * CPU when the data lives in PostgreSQL (`DATABASE_URL`), so that page rendering uses every core.
 * The embedded PGlite database belongs to a single process, so without `DATABASE_URL` there is
 * one. `WEB_CONCURRENCY` sets the number of processes explicitly.
 *
 *   PORT=3000 HOST=0.0.0.0 tsx scripts/serve.ts      (after `next build`; `npm start` does both)
 */
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { availableParallelism } from "node:os";

const port = Number(process.env.PORT ?? 3000);
/** The `serverActions.bodySizeLimit` of next.config.ts (6 MB). */
const ACTION_BODY_LIMIT_BYTES = 6 * 1024 * 1024;
const host = process.env.HOST ?? "0.0.0.0";

function workerCount(): number {
  const wanted = Number(process.env.WEB_CONCURRENCY);
  if (Number.isInteger(wanted) && wanted > 0) return process.env.DATABASE_URL ? wanted : 1;
  return process.env.DATABASE_URL ? availableParallelism() : 1;
}

const workers = workerCount();

/**
 * Answers 413 at once. Node reads the rest of the body and drops it, unbuffered, so that a client
 * still sending gets the answer rather than a connection reset.
 */
function tooLarge(res: ServerResponse) {
  res.writeHead(413, { "Content-Type": "text/plain; charset=utf-8" });
  res.end("Payload Too Large");
}

/**
 * Next.js answers a server action body over `serverActions.bodySizeLimit` with a 500 after reading
 * it; this answers it as what it is, a 413. A declared oversize body is refused before any of it is
 * read. A body sent in chunks without a declared length is held back from Next.js and counted as
 * the bytes arrive: past the limit it is refused; within it, it is handed over whole once it has
 * ended. The HTTP parser delivers body bytes through the request's `push`, which this wraps.
 */
function limitActionBody(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  if (req.method !== "POST" || !req.headers["next-action"]) return next();
  const declared = req.headers["content-length"];
  if (declared !== undefined) return Number(declared) > ACTION_BODY_LIMIT_BYTES ? tooLarge(res) : next();
  const push = req.push.bind(req);
  const held: Buffer[] = [];
  let received = 0;
  req.push = (chunk: Buffer | null) => {
    if (chunk === null) {
      req.push = push;
      for (const c of held) push(c);
      push(null);
      next();
      return true;
    }
    received += chunk.length;
    if (received > ACTION_BODY_LIMIT_BYTES) {
      held.length = 0;
      req.push = push;
      tooLarge(res);
      return true;
    }
    held.push(chunk);
    return true;
  };
}

/** The answer to a server-action request that cannot be carried out as it was sent. */
const BAD_ACTION_REQUEST = "Yêu cầu không hợp lệ. Hãy tải lại trang rồi thử lại.";

/** A POST Next.js handles as a possible server action: one naming an action, or a multipart form post to a page. */
function isActionRequest(req: IncomingMessage): boolean {
  if (req.method !== "POST") return false;
  if (req.headers["next-action"] !== undefined) return true;
  return (req.headers["content-type"] ?? "").startsWith("multipart/form-data") && !req.url?.startsWith("/api/");
}

/**
 * Next.js answers a server-action request with a 500, as if the server had failed, when its body
 * does not decode (not JSON, a multipart body without a boundary or cut off, a reference to a part
 * that was never sent) or decodes to arguments the action cannot take. The actions of this
 * application return every expected failure in their form state, so such a 500 comes from a request
 * no page of it sends: it is answered as a 400 with a short message instead. Next.js has already
 * logged the cause. The status line is replaced where Node writes it, and the body Next.js renders
 * for the error is dropped.
 */
function refuseFailedAction(res: ServerResponse): void {
  let refused = false;
  const { writeHead, write, end } = res;
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (status !== 500) return Reflect.apply(writeHead, this, [status, ...rest]) as ServerResponse;
    refused = true;
    for (const name of this.getHeaderNames()) this.removeHeader(name);
    // The router in the browser shows the text of a failed action only under exactly `text/plain`
    // (it reads it as UTF-8); a form posted without scripts is shown by the browser, which needs the charset.
    const type = this.req.headers["next-action"] === undefined ? "text/plain; charset=utf-8" : "text/plain";
    return writeHead.call(this, 400, { "Content-Type": type, "Cache-Control": "no-store" });
  } as ServerResponse["writeHead"];
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    if (!refused) return Reflect.apply(write, this, args) as boolean;
    const done = args.find((a) => typeof a === "function") as (() => void) | undefined;
    if (done) process.nextTick(done);
    return true;
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (!refused) return Reflect.apply(end, this, args) as ServerResponse;
    const done = args.find((a) => typeof a === "function") as (() => void) | undefined;
    return end.call(this, BAD_ACTION_REQUEST, "utf8", done);
  } as ServerResponse["end"];
}

if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  const started = new Map<number, number>();
  const fork = () => started.set(cluster.fork().id, Date.now());
  for (let i = 0; i < workers; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A process that dies while starting (no build, bad configuration) would only die again.
    if (Date.now() - (started.get(worker.id) ?? 0) < 10_000) {
      console.error(`server process ${worker.process.pid} failed while starting (${signal ?? code})`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.kill();
      process.exit(1);
    }
    console.error(`server process ${worker.process.pid} ended (${signal ?? code}); starting another`);
    fork();
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
    });
} else {
  (process.env as Record<string, string>).NODE_ENV = "production";
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), hostname: host, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const { CLIENT_ADDRESS_HEADER, clientAddress, clientAddressHeader, trustedProxyHops } = await import("../lib/auth/client");
  const key = randomBytes(16).toString("hex");
  process.env.CNSCD_CLIENT_ADDRESS_KEY = key;
  const hops = trustedProxyHops();
  createServer((req, res) => {
    // Whatever a client sent under this name is replaced by the address seen on the socket.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddressHeader(key, clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops));
    if (isActionRequest(req)) refuseFailedAction(res);
    limitActionBody(req, res, () => void handle(req, res));
  }).listen(port, host);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
}
