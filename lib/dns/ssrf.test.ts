/**
 * SSRF cases (Hardening): the address policy holds against
 * indirection. Fake servers bound on 127.0.0.x count every packet they get;
 * the lab "root" on 127.0.0.1 is allowed by exact address while everything
 * learnt from answers (glue, NS names, CNAMEs, AXFR content, SOA MNAME) goes
 * through the policy — each refusal must be a recorded answer with error
 * "address-refused" and its reason, and the counting servers must see nothing.
 */
import dnsPacket from "dns-packet";
import { afterEach, describe, expect, it } from "vitest";
import { runQuery } from "../cli/query";
import { name } from "../zone/name";
import { axfr } from "./axfr";
import { queryServer } from "./query-server";
import { runSnapshot } from "./run-snapshot";
import { QuerySession } from "./session";
import { startFakeServer, type FakeHandler, type FakeServer } from "./testing/fake-server";
import type { ServerAnswer } from "./types";

let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

type Rec = dnsPacket.Answer;
const soa = (zone: string, mname: string): Rec => ({
  type: "SOA",
  name: zone,
  ttl: 300,
  data: {
    mname,
    rname: zone === "." ? "hostmaster.root" : `hostmaster.${zone}`,
    serial: 7,
    refresh: 3600,
    retry: 600,
    expire: 86400,
    minimum: 300,
  },
});

function reply(query: Uint8Array, p: Partial<dnsPacket.Packet>, rcode = 0): Uint8Array {
  const q = dnsPacket.decode(Buffer.from(query));
  return dnsPacket.encode({
    id: q.id,
    type: "response",
    flags: rcode,
    questions: q.questions,
    ...p,
  } as dnsPacket.Packet);
}
const qOf = (query: Uint8Array) => dnsPacket.decode(Buffer.from(query)).questions![0];
const AA = dnsPacket.AUTHORITATIVE_ANSWER;

/** A server that must never be contacted: it answers nothing and counts. */
const silent: FakeHandler = () => ({ kind: "silence" });

async function fakeAt(address: string, handler: FakeHandler, port = 0): Promise<FakeServer> {
  const s = await startFakeServer(handler, address, port);
  servers.push(s);
  return s;
}

const total = (s: FakeServer) => s.received.udp + s.received.tcp;
const refusedAt = (answers: ServerAnswer[], address: string) =>
  answers.filter((a) => a.server.address === address && a.error?.kind === "address-refused");

/**
 * Root on 127.0.0.1 delegating victim.test to: ns1.victim.test with glue
 * 127.0.0.2 and ::ffff:127.0.0.2; ns.glueless.example, whose A is 127.0.0.3
 * and AAAA the NAT64 form of it; ns.alias.example, a CNAME to a host at 127.0.0.4.
 */
const rootHandler: FakeHandler = (query) => {
  const q = qOf(query);
  const n = q.name.toLowerCase();
  if (n === "victim.test" || n.endsWith(".victim.test")) {
    if (q.type === "DS" && n === "victim.test")
      return { kind: "send", packets: [reply(query, { flags: AA, authorities: [soa(".", "root.")] })] };
    return {
      kind: "send",
      packets: [
        reply(query, {
          authorities: ["ns1.victim.test", "ns.glueless.example", "ns.alias.example"].map((d) => ({
            type: "NS",
            name: "victim.test",
            ttl: 3600,
            data: d,
          })),
          additionals: [
            { type: "A", name: "ns1.victim.test", ttl: 3600, data: "127.0.0.2" },
            { type: "AAAA", name: "ns1.victim.test", ttl: 3600, data: "::ffff:127.0.0.2" },
          ],
        }),
      ],
    };
  }
  if (n === "ns.glueless.example") {
    const answers: Rec[] =
      q.type === "A"
        ? [{ type: "A", name: n, ttl: 60, data: "127.0.0.3" }]
        : q.type === "AAAA"
          ? [{ type: "AAAA", name: n, ttl: 60, data: "64:ff9b::7f00:3" }]
          : [];
    return { kind: "send", packets: [reply(query, { flags: AA, answers })] };
  }
  if (n === "ns.alias.example") {
    return {
      kind: "send",
      packets: [
        reply(query, {
          flags: AA,
          answers: [
            { type: "CNAME", name: n, ttl: 60, data: "internal.example" },
            { type: "A", name: "internal.example", ttl: 60, data: "127.0.0.4" },
          ],
        }),
      ],
    };
  }
  return { kind: "send", packets: [reply(query, { flags: AA, authorities: [soa(".", "root.")] }, 3)] };
};

describe("SSRF cases: the address policy holds against indirection", () => {
  it("SSRF: glue, NS names resolving to loopback/NAT64, and CNAMEd NS names get no packet, and each refusal is recorded", async () => {
    const root = await fakeAt("127.0.0.1", rootHandler);
    const port = root.port;
    const glue = await fakeAt("127.0.0.2", silent, port);
    const resolved = await fakeAt("127.0.0.3", silent, port);
    const aliased = await fakeAt("127.0.0.4", silent, port);
    const snap = await runSnapshot({
      zone: "victim.test",
      rootHints: [{ name: "root.", addresses: ["127.0.0.1"] }],
      allowPrivate: false,
      allowAddresses: ["127.0.0.1"],
      port,
      timeoutMs: 300,
      retries: 0,
    });
    expect([total(glue), total(resolved), total(aliased)]).toEqual([0, 0, 0]);
    expect(Object.keys(snap.sentTo)).toEqual([`127.0.0.1:${port}`]);

    const all = [...snap.answers, ...(snap.delegation?.answers ?? [])];
    // Glue (IPv4 and IPv4-mapped IPv6) and the resolved NS name (IPv4 and NAT64): recorded refusals with the reason.
    expect(refusedAt(all, "127.0.0.2")[0].error?.message).toBe(
      "127.0.0.2 is a loopback address (allow with --allow-private)",
    );
    expect(refusedAt(all, "::ffff:7f00:2")[0].error?.message).toBe(
      "::ffff:7f00:2 is a loopback address (IPv4-mapped form of 127.0.0.2) (allow with --allow-private)",
    );
    expect(refusedAt(all, "127.0.0.3").length).toBeGreaterThan(0);
    expect(refusedAt(all, "64:ff9b::7f00:3")[0].error?.message).toMatch(/NAT64 form of 127\.0\.0\.3/);
    for (const a of all.filter((x) => x.error?.kind === "address-refused")) {
      expect(a.attempts).toBe(0);
      expect(a.rcode).toBeNull();
    }
    // The summary per server says why; the CNAMEd NS name yields no address at all (RFC 2181 §10.3: never followed).
    const byAddr = Object.fromEntries(snap.servers.map((s) => [`${s.name} ${s.address}`, s.error]));
    expect(byAddr["ns1.victim.test. 127.0.0.2"]).toMatch(/^address-refused: 127\.0\.0\.2 is a loopback address/);
    expect(byAddr["ns.glueless.example. 127.0.0.3"]).toMatch(/^address-refused: /);
    expect(byAddr["ns.alias.example. "]).toBe("no address found for this server");
    expect(all.some((a) => a.server.address === "127.0.0.4")).toBe(false);
  });

  it("SSRF: with allowPrivate the same walk does reach the glue server (the counters work)", async () => {
    const root = await fakeAt("127.0.0.1", rootHandler);
    const glue = await fakeAt("127.0.0.2", silent, root.port);
    await runSnapshot({
      zone: "victim.test",
      rootHints: [{ name: "root.", addresses: ["127.0.0.1"] }],
      allowPrivate: true,
      port: root.port,
      timeoutMs: 200,
      retries: 0,
      discovery: false,
    });
    expect(total(glue)).toBeGreaterThan(0);
  });

  it("SSRF: AXFR content and the SOA MNAME naming a private host never become destinations", async () => {
    const zone: Rec[] = [
      soa("victim.test", "primary.victim.test"),
      { type: "NS", name: "victim.test", ttl: 300, data: "ns1.victim.test" },
      { type: "NS", name: "victim.test", ttl: 300, data: "ns2.victim.test" },
      { type: "A", name: "primary.victim.test", ttl: 300, data: "127.0.0.5" },
      { type: "A", name: "ns2.victim.test", ttl: 300, data: "127.0.0.5" },
      { type: "NS", name: "sub.victim.test", ttl: 300, data: "ns.sub.victim.test" },
      { type: "A", name: "ns.sub.victim.test", ttl: 300, data: "127.0.0.5" },
      { type: "CNAME", name: "www.victim.test", ttl: 300, data: "primary.victim.test" },
    ];
    const handler: FakeHandler = (query) => {
      const q = qOf(query);
      if (q.type === "AXFR")
        return { kind: "send", packets: [reply(query, { flags: AA, answers: [...zone, zone[0]] })] };
      const n = q.name.toLowerCase();
      const answers = zone.filter((r) => r.name === n && (r.type === q.type || r.type === "CNAME"));
      if (n === "sub.victim.test" || n.endsWith(".sub.victim.test"))
        return { kind: "send", packets: [reply(query, { authorities: [zone[5]], additionals: [zone[6]] })] };
      const exists = zone.some((r) => r.name === n);
      return {
        kind: "send",
        packets: [reply(query, { flags: AA, answers, authorities: answers.length ? [] : [zone[0]] }, exists ? 0 : 3)],
      };
    };
    const primary = await fakeAt("127.0.0.1", handler);
    const target = await fakeAt("127.0.0.5", silent, primary.port);
    const snap = await runSnapshot({
      zone: "victim.test",
      servers: [{ name: "ns1.victim.test", address: "127.0.0.1", port: primary.port }],
      allowAddresses: ["127.0.0.1"],
      axfr: true,
      timeoutMs: 300,
      retries: 0,
      commonLabels: false,
      limits: { ratePerServer: Infinity },
    });
    expect(snap.servers[0].axfr).toBe("allowed");
    expect(snap.servers[0].soaMname).toBe("primary.victim.test.");
    expect(snap.zoneCuts).toContain("sub.victim.test.");
    expect(total(target)).toBe(0);
    expect(Object.keys(snap.sentTo)).toEqual([`127.0.0.1:${primary.port}`]);
  });

  it("SSRF: an AXFR aimed at a private address is refused and recorded without a packet", async () => {
    const s = await fakeAt("127.0.0.6", silent);
    const session = new QuerySession({ port: s.port });
    try {
      const x = await axfr(session, {
        server: { name: "primary.victim.test.", address: "127.0.0.6", port: s.port },
        zone: name("victim.test"),
      });
      expect(x.error).toEqual({
        kind: "address-refused",
        message: "127.0.0.6 is a loopback address (allow with --allow-private)",
      });
      expect(session.counts.failed).toBe(1);
    } finally {
      session.close();
    }
    expect(total(s)).toBe(0);
  });

  it.each([
    ["::ffff:7f00:6", /loopback address \(IPv4-mapped form of 127\.0\.0\.6\)/],
    ["::ffff:10.0.0.1", /private address \(IPv4-mapped form of 10\.0\.0\.1\)/],
    ["::7f00:6", /loopback address \(IPv4-compatible form of 127\.0\.0\.6\)/],
    ["64:ff9b::a00:1", /private address \(NAT64 form of 10\.0\.0\.1\)/],
    ["2002:7f00:6::1", /loopback address \(6to4 form of 127\.0\.0\.6\)/],
    ["2130706438", /would read it as 127\.0\.0\.6, a loopback address/],
    ["0x7f.0.0.6", /would read it as 127\.0\.0\.6/],
    ["0177.0.0.6", /would read it as 127\.0\.0\.6/],
    ["127.6", /would read it as 127\.0\.0\.6/],
    ["localhost", /host name for loopback, RFC 6761 §6\.3/],
    ["ns.localhost", /host name for loopback/],
  ])("SSRF: a query to %s is refused with its reason and sends nothing", async (address, why) => {
    const s = await fakeAt("127.0.0.6", silent);
    const session = new QuerySession({ port: s.port, timeoutMs: 200, retries: 0 });
    try {
      const a = await queryServer(
        session,
        { name: "x.", address, port: s.port },
        { name: name("victim.test"), type: 6, class: 1 },
      );
      expect(a.error?.kind).toBe("address-refused");
      expect(a.error?.message).toMatch(why);
      expect(a.attempts).toBe(0);
      expect(session.sentTo.size).toBe(0);
      // Legacy spellings and names stay refused even when private addresses are allowed: they are not addresses.
      if (!address.includes(":")) {
        const open = new QuerySession({ port: s.port, allowPrivate: true, timeoutMs: 200, retries: 0 });
        const b = await queryServer(
          open,
          { name: "x.", address, port: s.port },
          { name: name("victim.test"), type: 6, class: 1 },
        );
        open.close();
        expect(b.error?.kind).toBe("address-refused");
      }
    } finally {
      session.close();
    }
    expect(total(s)).toBe(0);
  });

  it("SSRF: the shared UDP sockets refuse a refused destination even when a caller skips the policy check", async () => {
    const s = await fakeAt("127.0.0.6", silent);
    const session = new QuerySession({ port: s.port });
    try {
      const r = await session.udp.exchange(
        { address: "127.0.0.6", port: s.port, payload: new Uint8Array(12), timeoutMs: 200 },
        () => "accept",
      );
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.kind).toBe("address-refused");
    } finally {
      session.close();
    }
    expect(total(s)).toBe(0);
  });

  it.each(["2130706433", "0x7f.0.0.1", "0177.0.0.1", "localhost"])(
    "SSRF: cutover query --ns ns1=%s is a usage error naming the reason, and nothing is sent",
    async (addr) => {
      const s = await fakeAt("127.0.0.1", silent);
      const out: string[] = [];
      const err: string[] = [];
      const io = {
        stdout: { write: (x: string) => out.push(x) },
        stderr: { write: (x: string) => err.push(x) },
      } as never;
      expect(
        await runQuery(["victim.test", "--ns", `ns1=${addr}`, "--port", String(s.port), "--allow-private"], io),
      ).toBe(2);
      expect(err.join("")).toMatch(
        addr === "localhost" ? /host name for loopback/ : /would read it as 127\.0\.0\.1, a loopback address/,
      );
      expect(total(s)).toBe(0);
    },
  );

  it("SSRF: cutover query --ns ns1=[::ffff:7f00:1] without --allow-private records address-refused and exits 1 without a packet", async () => {
    const s = await fakeAt("127.0.0.1", silent);
    const out: string[] = [];
    const io = { stdout: { write: (x: string) => out.push(x) }, stderr: { write: () => true } } as never;
    expect(await runQuery(["victim.test", "--ns", "ns1=[::ffff:7f00:1]", "--port", String(s.port), "--json"], io)).toBe(
      1,
    );
    const j = JSON.parse(out.join("")) as {
      answers: { error: { kind: string; message: string } | null }[];
      sentTo: Record<string, number>;
    };
    expect(j.answers.length).toBe(3);
    for (const a of j.answers)
      expect(a.error).toEqual({
        kind: "address-refused",
        message: "::ffff:7f00:1 is a loopback address (IPv4-mapped form of 127.0.0.1) (allow with --allow-private)",
      });
    expect(j.sentTo).toEqual({});
    expect(total(s)).toBe(0);
  });
});
