/**
 * Attempts per minute of the two process-wide limiters (README "Security": guessing links or passwords must be
 * slow): password sign-in (lib/auth/sign-in-limit.ts) and capability links (lib/security/rate-limits.ts).
 */
import { readEnvironment, type Environment } from "./environment";

/** CUTOVER_SIGNIN_RATE_LIMIT attempts per minute, per account and per client (default 30). */
export function signInAttemptsPerMinute(env: Environment = readEnvironment()): number {
  const n = Number(env.CUTOVER_SIGNIN_RATE_LIMIT ?? 30);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 30;
}

/** CUTOVER_LINK_RATE_LIMIT requests per minute, per client address and per token (default 60). */
export function linkRequestsPerMinute(env: Environment = readEnvironment()): number {
  return Number(env.CUTOVER_LINK_RATE_LIMIT ?? 60);
}
