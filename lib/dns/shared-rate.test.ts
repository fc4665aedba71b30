import { describe, expect, it } from "vitest";
import { Limiter } from "./limiter";
import { grantFor, memorySharedRate, sliceCapacity, SLICE_MARGIN_MS, type SharedRateLimit } from "./shared-rate";

describe("grantFor", () => {
  it("grants at most the slice's capacity per server, starting afresh each slice", () => {
    const first = grantFor(null, 30, 20, 10_100);
    expect(first.grant).toMatchObject({ granted: 20, validMs: 900 - SLICE_MARGIN_MS });
    const second = grantFor({ slice: first.slice, used: first.used }, 5, 20, 10_400);
    expect(second.grant.granted).toBe(0);
    expect(second.grant.retryMs).toBeGreaterThanOrEqual(600);
    const next = grantFor({ slice: first.slice, used: first.used }, 5, 20, 11_000);
    expect(next.grant.granted).toBe(5);
    expect(next.used).toBe(5);
  });

  it("grants nothing in the slice's last margin, and at least one query per slice at slow rates", () => {
    expect(grantFor(null, 3, 20, 10_990).grant.granted).toBe(0);
    expect(sliceCapacity(0.2)).toBe(1);
  });
});

describe("Limiter with a shared rate", () => {
  it("keeps two runs together within the rate of one server, per second", async () => {
    const shared = memorySharedRate();
    const seen: number[] = [];
    let calls = 0;
    const counting: SharedRateLimit = {
      take: (k, w, r) => shared.take(k, w, r).then((g) => ((calls += g.granted > 0 ? 1 : 0), g)),
    };
    const rate = 20;
    const a = new Limiter({ ratePerServer: rate, burstPerServer: 5 }, undefined, counting);
    const b = new Limiter({ ratePerServer: rate, burstPerServer: 5 }, undefined, counting);
    const until = Date.now() + 2_600;
    const send = async (l: Limiter) => {
      while (Date.now() < until) {
        const g = await l.acquire("127.0.0.9:53");
        if (!g.ok) throw new Error(g.error.message);
        seen.push(Date.now());
        g.release();
      }
    };
    // Several queries waiting per run, as in a snapshot (its pool keeps many in flight).
    await Promise.all([a, b].flatMap((l) => Array.from({ length: 8 }, () => send(l))));
    a.close();
    b.close();
    const perSecond = new Map<number, number>();
    for (const t of seen) perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    for (const n of perSecond.values()) expect(n).toBeLessThanOrEqual(rate);
    // Alone each run would send 20/s: together they still send about one run's worth.
    expect(seen.length).toBeGreaterThan(rate * 1.5);
    expect(seen.length).toBeLessThanOrEqual(rate * perSecond.size);
    // Leases come a few tokens at a time, not one round trip per packet.
    expect(calls).toBeLessThan(seen.length / 2);
  });

  it("sends nothing while the shared budget cannot be reached", async () => {
    const broken: SharedRateLimit = { take: () => Promise.reject(new Error("database down")) };
    const l = new Limiter({ ratePerServer: 10 }, undefined, broken);
    const signal = AbortSignal.timeout(700);
    const r = await l.acquire("127.0.0.9:53", signal);
    l.close();
    expect(r.ok).toBe(false);
    expect(l.tryAcquire("127.0.0.9:53")).toBeNull();
  });
});
