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
import { createServer } from "node:http";
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
    // Next.js answers a server action body over `serverActions.bodySizeLimit` (next.config.ts) with
    // a 500 after reading it; a declared oversize body is refused here, unread, as what it is.
    if (req.method === "POST" && req.headers["next-action"] && Number(req.headers["content-length"] ?? 0) > ACTION_BODY_LIMIT_BYTES) {
      res.writeHead(413, { "Content-Type": "text/plain; charset=utf-8", Connection: "close" });
      res.end("Payload Too Large");
      req.destroy();
      return;
    }
    // Whatever a client sent under this name is replaced by the address seen on the socket.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddressHeader(key, clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops));
    void handle(req, res);
  }).listen(port, host);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
}
