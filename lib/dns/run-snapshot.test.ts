/**
 * The plan executor's counts per priority class and why it stopped, on a tiny fake zone: the apex, one zone
 * cut, a mail name and plain names, asked of one fake server (no network beyond loopback).
 */
import dnsPacket from "dns-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryCapReason } from "./query-budget";
import { runSnapshot, type SnapshotOptions } from "./run-snapshot";
import { startFakeServer, type FakeServer } from "./testing/fake-server";

const SOA = {
  name: "x.test",
  type: "SOA" as const,
  ttl: 300,
  data: { mname: "ns1.x.test", rname: "h.x.test", serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 1 },
};

/** SOA and NS at the apex, NODATA with the SOA elsewhere, AXFR refused. */
function zoneServer(q: Uint8Array) {
  const query = dnsPacket.decode(Buffer.from(q));
  const question = query.questions?.[0];
  const apex = question?.name.toLowerCase() === "x.test";
  const answers =
    apex && question?.type === "SOA"
      ? [SOA]
      : apex && question?.type === "NS"
        ? [{ name: "x.test", type: "NS" as const, ttl: 300, data: "ns1.x.test" }]
        : [];
  const reply = dnsPacket.encode({
    id: query.id,
    type: "response",
    flags: dnsPacket.AUTHORITATIVE_ANSWER | (question?.type === "AXFR" ? 5 : 0),
    questions: query.questions,
    answers,
    authorities: answers.length ? [] : [SOA],
  });
  return { kind: "send" as const, packets: [Uint8Array.from(reply)] };
}

const rest = Array.from({ length: 30 }, (_, i) => ({ name: `h${i}`, type: 1 }));
const imported = [
  { name: "sub", type: 2, target: "ns1.other.test." },
  { name: "@", type: 15, target: "mail.x.test." },
  { name: "mail", type: 1 },
  ...rest,
];

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeServer(zoneServer);
});
afterAll(async () => {
  await server?.close();
});

const snapshot = (opts: Partial<SnapshotOptions> = {}) =>
  runSnapshot({
    zone: "x.test",
    servers: [{ name: "ns1.x.test", address: server.address, port: server.port }],
    measureParent: false,
    axfr: true,
    allowPrivate: true,
    timeoutMs: 500,
    retries: 0,
    commonLabels: false,
    nsecWalk: false,
    importedNames: imported,
    ...opts,
  });

describe("the plan executor's counts per priority class", () => {
  it("asks everything it planned when nothing stops it: no stop cause", async () => {
    const s = await snapshot();
    const c = s.plan!.classes;
    expect(s.plan!.stopCause).toBeNull();
    expect(s.incomplete).toBeNull();
    for (const k of ["apex", "cuts", "services", "rest"] as const) {
      expect(c[k].planned).toBeGreaterThan(0);
      expect(c[k].asked).toBe(c[k].planned);
    }
    expect(c.rest.planned).toBeGreaterThanOrEqual(30);
    expect(s.servers[0].axfr).toBe("refused");
  });

  it("at its deadline: the first classes asked, the rest not, and the cause is the deadline", async () => {
    // Three summary questions, then 10 a second: the apex, the cut and mail go first, most of the rest is left.
    const s = await snapshot({ deadlineMs: 2_500, limits: { ratePerServer: 10, burstPerServer: 1 } });
    const c = s.plan!.classes;
    expect(s.plan!.stopCause).toBe("deadline");
    expect(s.incomplete).toBe("the run's deadline passed");
    expect(c.apex.asked).toBe(c.apex.planned);
    expect(c.rest.asked).toBeLessThan(c.rest.planned);
    expect(s.plan!.unsent).toBe(Object.values(c).reduce((n, x) => n + x.planned - x.asked, 0));
  });

  it("at the query cap: the cause is the cap", async () => {
    const s = await snapshot({ limits: { maxQueries: 12 } });
    const c = s.plan!.classes;
    expect(s.plan!.stopCause).toBe("cap");
    expect(c.rest.asked).toBeLessThan(c.rest.planned);
  });

  it("cancelled by the caller, or stopped by the caller at its own query budget", async () => {
    const slow = { deadlineMs: 30_000, limits: { ratePerServer: 10, burstPerServer: 1 } };
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 800);
    const a = await snapshot({ ...slow, signal: cancel.signal });
    expect(a.plan!.stopCause).toBe("cancelled");
    expect(a.plan!.classes.rest.asked).toBeLessThan(a.plan!.classes.rest.planned);
    const budget = new AbortController();
    setTimeout(() => budget.abort(queryCapReason("stopped at the query cap: 20 queries")), 800);
    const b = await snapshot({ ...slow, signal: budget.signal });
    expect(b.plan!.stopCause).toBe("cap");
    expect(b.incomplete).toBe("stopped at the query cap: 20 queries");
  });
});
