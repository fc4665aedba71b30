/** The client's address for rate limiting: the first X-Forwarded-For hop when a proxy sets it, else a shared bucket. */
export function clientAddress(h: Headers): string {
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "direct";
}
