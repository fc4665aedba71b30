/**
 * The client address used for rate limits. X-Forwarded-For is a list the
 * client may start itself, so the leftmost value is whatever an attacker
 * writes; each proxy APPENDS the address it saw. With N trusted proxies in
 * front of the app (CUTOVER_TRUSTED_PROXY_HOPS, default 1: one TLS proxy),
 * the real client is the N-th value from the right. Without the header
 * (Next.js fills it from the socket only when absent) or with 0 hops, every
 * client shares one bucket: the per-token limits still apply.
 */
export function clientAddress(headers: Headers, env: Record<string, string | undefined> = process.env): string {
  const hops = Number.parseInt(env.CUTOVER_TRUSTED_PROXY_HOPS ?? "1", 10);
  if (!Number.isFinite(hops) || hops <= 0) return "direct";
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (chain.length < hops) return chain[0] ?? "direct";
  return chain[chain.length - hops];
}
