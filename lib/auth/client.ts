/** The client's address and agent as the app sees them behind a proxy (first X-Forwarded-For hop). */
export function clientFromHeaders(headers: Headers): { ip: string | null; userAgent: string | null } {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    ip: forwarded || headers.get("x-real-ip") || null,
    userAgent: headers.get("user-agent"),
  };
}
