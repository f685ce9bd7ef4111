import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { resolveE2ePort } from "../../scripts/e2e-port";

const servers: net.Server[] = [];

function listen(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe("end-to-end server port", () => {
  it("keeps a port given in E2E_PORT", () => {
    expect(resolveE2ePort({ E2E_PORT: "4123" })).toBe(4123);
  });

  it("picks a port that is free when none is given, even where 3100 is taken", async () => {
    servers.push(await listen(3100).catch(() => net.createServer()));
    const port = resolveE2ePort({});
    expect(port).not.toBe(3100);
    servers.push(await listen(port));
  });
});
