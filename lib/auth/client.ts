import { isIP } from "node:net";

/**
 * The client's address. Only the socket can be trusted: an `X-Forwarded-For` header is whatever
 * the client wrote, unless a known number of proxies of our own (`TRUSTED_PROXY_HOPS`) stand in
 * front, each appending the address it received from. The production server (`scripts/serve.ts`)
 * works the address out from its socket and hands it to the app in a header that carries a key
 * only that process knows, so a client cannot write the header itself.
 */
export const CLIENT_ADDRESS_HEADER = "x-cnscd-client-address";

/** `::ffff:1.2.3.4` is the IPv4 address 1.2.3.4; anything that is not an address is unknown. */
function normalise(address: string | null | undefined): string | null {
  const a = address?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "") ?? "";
  return isIP(a) ? a : null;
}

/**
 * The address of the client behind `hops` trusted proxies: the socket's peer when there are none,
 * otherwise the entry of `X-Forwarded-For` that the outermost trusted proxy appended.
 */
export function clientAddress(socketAddress: string | null | undefined, forwardedFor: string | string[] | null | undefined, hops: number): string | null {
  if (!Number.isInteger(hops) || hops <= 0) return normalise(socketAddress);
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",").map((s) => s.trim()).filter(Boolean);
  const chain = [...forwarded, socketAddress ?? ""];
  // The socket's peer is the last trusted proxy; each trusted proxy before it appended one entry.
  const index = chain.length - 1 - hops;
  return index >= 0 ? normalise(chain[index]) : null;
}

/** The number of trusted proxy hops from the environment (`TRUSTED_PROXY_HOPS`, default 0). */
export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.TRUSTED_PROXY_HOPS ?? 0);
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}

/** The header value the production server sets: its key, then the address. */
export function clientAddressHeader(key: string, address: string | null): string {
  return `${key} ${address ?? "-"}`;
}

/** The client's address (as the production server determined it) and user agent. */
export function clientFromHeaders(headers: Headers): { ip: string | null; userAgent: string | null } {
  const key = process.env.CNSCD_CLIENT_ADDRESS_KEY;
  const [given, address] = (headers.get(CLIENT_ADDRESS_HEADER) ?? "").split(" ");
  return {
    ip: key && given === key ? normalise(address) : null,
    userAgent: headers.get("user-agent")?.slice(0, 300) ?? null,
  };
}
