/**
 * Rate limits on guessing and flooding, in one place: the limiter interface and the in-memory fixed-window limiter
 * (one process; a shared store may implement the same interface), the process-wide limiters for capability tokens
 * (sign-off links and invites: CUTOVER_LINK_RATE_LIMIT attempts per minute per client address and per token,
 * default 60) and for password sign-in (CUTOVER_SIGNIN_RATE_LIMIT per minute per account and per client address,
 * default 30; counted in lib/auth/sign-in-limit.ts; both read through lib/config/rate-limits.ts), and the AppError a refusal becomes. The per-organisation DNS
 * query budget is a stored count (lib/app/runs/start-run.ts), its limit in lib/config/abuse-limits.ts.
 */
import { AppError } from "../errors/app-error";
import { linkRequestsPerMinute, signInAttemptsPerMinute } from "../config/rate-limits";

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

export const SIGN_IN_WINDOW_SECONDS = 60;

const holder = globalThis as unknown as { __cutoverLinkLimiter?: RateLimiter; __cutoverSignInLimiter?: RateLimiter };

/** Attempts to use a sign-off link or an invite, per client address and per token (one limiter per process). */
export function capabilityRateLimiter(): RateLimiter {
  holder.__cutoverLinkLimiter ??= createMemoryRateLimiter({
    limit: linkRequestsPerMinute(),
    windowSeconds: 60,
  });
  return holder.__cutoverLinkLimiter;
}

/** Password sign-in attempts, per account and per client address (one limiter per process). */
export function signInRateLimiter(): RateLimiter {
  holder.__cutoverSignInLimiter ??= createMemoryRateLimiter({
    limit: signInAttemptsPerMinute(),
    windowSeconds: SIGN_IN_WINDOW_SECONDS,
  });
  return holder.__cutoverSignInLimiter;
}

/** Count one attempt; AppError("RATE_LIMITED") with `retryAfterSeconds` when over the limit. */
export async function spendAttempt(limiter: RateLimiter, key: string, now: Date): Promise<void> {
  const d = await limiter.hit(key, now);
  if (!d.allowed) throw new AppError("RATE_LIMITED", "too many attempts", { retryAfterSeconds: d.retryAfterSeconds });
}
