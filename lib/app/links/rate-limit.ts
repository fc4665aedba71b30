/** One process-wide limiter for capability links (DESIGN §10): CUTOVER_LINK_RATE_LIMIT attempts per minute per address and per token. */
import { linkRequestsPerMinute } from "../../config/rate-limits";
import { createMemoryRateLimiter, type RateLimiter } from "../../checklist/rate-limiter";

const holder = globalThis as unknown as { __cutoverLinkLimiter?: RateLimiter };

export function linkRateLimiter(): RateLimiter {
  holder.__cutoverLinkLimiter ??= createMemoryRateLimiter({ limit: linkRequestsPerMinute(), windowSeconds: 60 });
  return holder.__cutoverLinkLimiter;
}
