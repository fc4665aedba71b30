/**
 * One limiter for every password sign-in: the sign-in form's
 * server action calls better-auth's signInEmail directly, which skipped the
 * limiter better-auth applies to HTTP requests only. This one runs in
 * better-auth's `hooks.before` (lib/auth/server.ts), which every entry point
 * passes through — the HTTP route and `auth.api.*` calls alike — and counts
 * attempts per account (e-mail, case-folded) and per client address
 * (lib/security/client-address.ts: never the client's own X-Forwarded-For
 * claim unless a proxy is trusted).
 */
import { signInRateLimiter, type RateLimitDecision, type RateLimiter } from "../security/rate-limits";
import { clientAddress } from "../security/client-address";
import type { Environment } from "../config/environment";

export interface SignInAttempt {
  email: unknown;
  headers: Headers | undefined;
  limiter?: RateLimiter;
  env?: Environment;
  now?: Date;
}

/** Counts one attempt against both buckets; refused when either is used up (both are counted, so neither can be dodged). */
export async function countSignInAttempt(a: SignInAttempt): Promise<RateLimitDecision> {
  const limiter = a.limiter ?? signInRateLimiter();
  const now = a.now ?? new Date();
  const client = clientAddress(a.headers ?? new Headers(), a.env);
  const account = typeof a.email === "string" ? a.email.trim().toLowerCase() : "";
  const byClient = await limiter.hit(`signin-client:${client}`, now);
  const byAccount = account
    ? await limiter.hit(`signin-account:${account}`, now)
    : { allowed: true, retryAfterSeconds: 0 };
  if (byClient.allowed && byAccount.allowed) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(byClient.retryAfterSeconds, byAccount.retryAfterSeconds) };
}
