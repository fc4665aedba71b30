/**
 * Rate limiting for capability links (DESIGN §10). The interface is what the
 * route handlers use; the in-memory fixed-window limiter serves one process,
 * and the DB layer may provide a shared one.
 */
export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the next attempt may succeed (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one attempt for `key` and says whether it is within the limit. */
  hit(key: string, now: Date): RateLimitDecision | Promise<RateLimitDecision>;
}

export interface MemoryRateLimiterOptions {
  limit: number;
  windowSeconds: number;
  /** Upper bound on tracked keys, so a flood of distinct keys cannot exhaust memory. */
  maxKeys?: number;
}

export function createMemoryRateLimiter(options: MemoryRateLimiterOptions): RateLimiter {
  const windowMs = options.windowSeconds * 1000;
  const maxKeys = options.maxKeys ?? 10_000;
  const buckets = new Map<string, { start: number; count: number }>();
  return {
    hit(key, now) {
      const t = now.getTime();
      let b = buckets.get(key);
      if (b === undefined || t - b.start >= windowMs) {
        if (b === undefined && buckets.size >= maxKeys) {
          for (const [k, v] of buckets) if (t - v.start >= windowMs) buckets.delete(k);
          // Still full: drop the oldest entry (Map keeps insertion order).
          if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
        }
        b = { start: t, count: 0 };
        buckets.delete(key);
        buckets.set(key, b);
      }
      b.count++;
      if (b.count <= options.limit) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: Math.ceil((b.start + windowMs - t) / 1000) };
    },
  };
}
