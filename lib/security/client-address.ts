/**
 * The client address used for rate limits. X-Forwarded-For is a list the
 * client may start itself, so the leftmost value is whatever an attacker
 * writes; each proxy APPENDS the address it saw. With N trusted proxies in
 * front of the app (CUTOVER_TRUSTED_PROXY_HOPS), the real client is the N-th
 * value from the right.
 *
 * The default is 0: with no proxy in front (the app bound to all interfaces,
 * `npm start`), every value of the header is the client's own claim, and
 * trusting even one hop gave each spoofed header a fresh bucket.
 * With 0 hops every client shares one bucket ("direct"); the per-account and
 * per-token limits still apply. Trusting a proxy is an explicit setting.
 */
import { readEnvironment, type Environment } from "../config/environment";
export function trustedProxyHops(env: Environment = readEnvironment()): number {
  const hops = Number.parseInt(env.CUTOVER_TRUSTED_PROXY_HOPS ?? "0", 10);
  return Number.isFinite(hops) && hops > 0 ? hops : 0;
}

export function clientAddress(headers: Headers, env: Environment = readEnvironment()): string {
  const hops = trustedProxyHops(env);
  if (hops === 0) return "direct";
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  // Fewer values than trusted proxies: the request did not come through them all; the leftmost is the best we have.
  if (chain.length < hops) return chain[0] ?? "direct";
  return chain[chain.length - hops];
}
