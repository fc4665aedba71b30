import { describe, expect, test } from "vitest";
import { createMemoryRateLimiter, spendAttempt } from "./rate-limits";
import { signInAttemptsPerMinute } from "../config/rate-limits";

const now = new Date("2026-10-05T12:00:00Z");

describe("rate limits", () => {
  test("a fixed window per key: over the limit is refused with the seconds until the window ends", async () => {
    const limiter = createMemoryRateLimiter({ limit: 2, windowSeconds: 60 });
    await spendAttempt(limiter, "ip:198.51.100.1", now);
    await spendAttempt(limiter, "ip:198.51.100.1", new Date(now.getTime() + 10_000));
    await expect(spendAttempt(limiter, "ip:198.51.100.1", new Date(now.getTime() + 15_000))).rejects.toMatchObject({
      code: "RATE_LIMITED",
      status: 429,
      details: { retryAfterSeconds: 45 },
    });
    // Another key has its own bucket; the window's end frees the first.
    await spendAttempt(limiter, "ip:198.51.100.2", now);
    await spendAttempt(limiter, "ip:198.51.100.1", new Date(now.getTime() + 60_000));
  });

  test("the sign-in limit comes from CUTOVER_SIGNIN_RATE_LIMIT, 30 when unset or not a positive number", () => {
    expect(signInAttemptsPerMinute({})).toBe(30);
    expect(signInAttemptsPerMinute({ CUTOVER_SIGNIN_RATE_LIMIT: "5" })).toBe(5);
    expect(signInAttemptsPerMinute({ CUTOVER_SIGNIN_RATE_LIMIT: "-1" })).toBe(30);
  });
});
