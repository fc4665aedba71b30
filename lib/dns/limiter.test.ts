import { afterEach, describe, expect, it } from "vitest";
import { Limiter } from "./limiter";
import { queryServer } from "./query-server";
import { QuerySession } from "./session";
import { startFakeServer, type FakeServer } from "./testing/fake-server";
import { name } from "../zone/name";
import dnsPacket from "dns-packet";

describe("Limiter", () => {
  it("takes slots without a grant object up to the per-server cap, and gives them back", () => {
    const l = new Limiter({ maxInFlight: 10, maxInFlightPerServer: 2, ratePerServer: Infinity, maxQueries: 100 });
    const a = l.bucketOf("192.0.2.1:53");
    expect(l.bucketOf("192.0.2.1:53")).toBe(a); // one bucket per server for the limiter's life
    expect([l.tryTake(a), l.tryTake(a), l.tryTake(a)]).toEqual([true, true, false]);
    // another server is not held up by the first one's cap
    expect(l.tryTake(l.bucketOf("192.0.2.2:53"))).toBe(true);
    l.releaseSlot(a);
    expect(l.tryTake(a)).toBe(true);
    expect(l.granted).toBe(4);
  });

  it("keeps the per-server rate: the burst, then one token per 1/rate s", () => {
    let now = 0;
    const l = new Limiter(
      { maxInFlight: 64, maxInFlightPerServer: 64, ratePerServer: 10, burstPerServer: 3, maxQueries: 100 },
      () => now,
    );
    const b = l.bucketOf("192.0.2.1:53");
    const take = () => l.tryTake(b);
    expect([take(), take(), take(), take()]).toEqual([true, true, true, false]);
    now += 99;
    expect(take()).toBe(false);
    now += 2; // 101 ms: one token earned at 10 q/s
    expect([take(), take()]).toEqual([true, false]);
  });

  it("never takes a slot past a waiter (FIFO) or past the run's query cap", async () => {
    const l = new Limiter({ maxInFlight: 1, maxInFlightPerServer: 1, ratePerServer: Infinity, maxQueries: 2 });
    const b = l.bucketOf("192.0.2.1:53");
    expect(l.tryTake(b)).toBe(true);
    const waiting = l.acquire("192.0.2.1:53");
    l.releaseSlot(b); // the waiter gets the slot, not a later tryTake
    expect(l.tryTake(b)).toBe(false);
    const g = await waiting;
    expect(g.ok).toBe(true);
    if (g.ok) g.release();
    expect(l.tryTake(b)).toBe(false); // two packets granted: the cap
    expect(await l.acquire("192.0.2.1:53")).toMatchObject({ ok: false, error: { kind: "query-cap" } });
  });
});

describe("the per-server rate through queryServer (UDP fast path)", () => {
  let server: FakeServer | null = null;
  let session: QuerySession | null = null;
  afterEach(async () => {
    session?.close();
    await server?.close();
  });

  it("spaces queries beyond the burst at the configured rate", async () => {
    server = await startFakeServer((q) => {
      const p = dnsPacket.decode(Buffer.from(q));
      return {
        kind: "send",
        packets: [
          dnsPacket.encode({
            id: p.id,
            type: "response",
            flags: dnsPacket.AUTHORITATIVE_ANSWER,
            questions: p.questions,
            answers: [],
          } as dnsPacket.Packet),
        ],
      };
    });
    session = new QuerySession({
      allowPrivate: true,
      timeoutMs: 2000,
      limits: { ratePerServer: 20, burstPerServer: 2, maxInFlight: 64, maxInFlightPerServer: 64 },
    });
    const ref = { name: "fake.", address: server.address, port: server.port };
    const t0 = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        queryServer(session!, ref, { name: name(`h${i}.example.test`), type: 1, class: 1 }),
      ),
    );
    const ms = performance.now() - t0;
    expect(answers.every((a) => a.error === null)).toBe(true);
    // 2 at once, then 6 more at 20/s: at least ~300 ms
    expect(ms).toBeGreaterThan(250);
    expect(session.sentTo.get(`${server.address}:${server.port}`)).toBe(8);
  });
});
