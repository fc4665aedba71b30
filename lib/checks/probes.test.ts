/**
 * The active probes at the wire: header/OPT bits really sent (against a
 * loopback UDP server that checks them), and the reverse-name arithmetic.
 */
import dgram from "node:dgram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import dnsPacket from "dns-packet";
import { QuerySession } from "../dns/session";
import { name as wire } from "../zone/name";
import { encodeRaw, rawQuery } from "./probes/raw-query";
import { reverseName } from "./probes/resolver";
import { recursionProbeName } from "./probes/run-probes";

describe("encodeRaw", () => {
  it("sets RD, the EDNS version, and can leave out the OPT record", () => {
    const q = { name: wire("example.test."), type: 6, class: 1 };
    const rd = dnsPacket.decode(Buffer.from(encodeRaw({ question: q, rd: true })));
    expect(rd.flags! & dnsPacket.RECURSION_DESIRED).toBe(dnsPacket.RECURSION_DESIRED);
    const v1 = encodeRaw({ question: q, ednsVersion: 1 });
    const opt = dnsPacket.decode(Buffer.from(v1)).additionals![0] as dnsPacket.OptAnswer;
    expect([opt.type, opt.ednsVersion, opt.udpPayloadSize]).toEqual(["OPT", 1, 1232]);
    const none = dnsPacket.decode(Buffer.from(encodeRaw({ question: q, ednsVersion: null })));
    expect(none.additionals).toEqual([]);
    expect(none.flags! & dnsPacket.RECURSION_DESIRED).toBe(0);
  });
});

describe("rawQuery against a loopback server", () => {
  let server: dgram.Socket;
  let port: number;
  const seen: { rd: boolean; version: number | null }[] = [];
  beforeAll(async () => {
    server = dgram.createSocket("udp4");
    server.on("message", (msg, rinfo) => {
      const q = dnsPacket.decode(msg);
      const opt = (q.additionals ?? []).find((a) => a.type === "OPT") as dnsPacket.OptAnswer | undefined;
      const rd = (q.flags! & dnsPacket.RECURSION_DESIRED) !== 0;
      seen.push({ rd, version: opt ? (opt.ednsVersion ?? 0) : null });
      // An open resolver: RD → RA and an answer.
      const reply = dnsPacket.encode({
        id: q.id,
        type: "response",
        flags: rd ? dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE : 0,
        questions: q.questions,
        answers: rd ? [{ name: q.questions![0].name, type: "A", ttl: 60, data: "198.51.100.1" }] : [],
      });
      server.send(reply, rinfo.port, rinfo.address);
    });
    await new Promise<void>((r) => server.bind(0, "127.0.0.1", r));
    port = server.address().port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("sends RD=1 and records RA and the answer; the address policy still applies", async () => {
    const session = new QuerySession({ allowPrivate: true, port, timeoutMs: 1000, retries: 0 });
    try {
      const a = await rawQuery(
        session,
        { name: "ns.test.", address: "127.0.0.1", port },
        { question: { name: wire("a.root-servers.net."), type: 1, class: 1 }, rd: true },
      );
      expect(a.error).toBeNull();
      expect(a.flags).toMatchObject({ rd: true, ra: true });
      expect(a.records.filter((r) => r.section === "answer").length).toBe(1);
      const b = await rawQuery(
        session,
        { name: "ns.test.", address: "127.0.0.1", port },
        { question: { name: wire("example.test."), type: 6, class: 1 }, ednsVersion: 1 },
      );
      expect(b.error).toBeNull();
      expect(seen.slice(-2)).toEqual([
        { rd: true, version: 0 },
        { rd: false, version: 1 },
      ]);
    } finally {
      session.close();
    }
    const strict = new QuerySession({ port, timeoutMs: 500, retries: 0 });
    try {
      const r = await rawQuery(
        strict,
        { name: "ns.test.", address: "127.0.0.1", port },
        { question: { name: wire("example.test."), type: 6, class: 1 } },
      );
      expect(r.error?.kind).toBe("address-refused");
    } finally {
      strict.close();
    }
  });
});

describe("names", () => {
  it("reverse names for IPv4 and IPv6 (RFC 1035 §3.5, RFC 3596 §2.5)", () => {
    expect(reverseName("192.0.2.25")).toBe("25.2.0.192.in-addr.arpa.");
    expect(reverseName("2001:db8::1")).toBe(
      "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.",
    );
    expect(reverseName("not-an-ip")).toBeNull();
  });
  it("the recursion probe asks outside the zone", () => {
    expect(recursionProbeName("project.test.")).toBe("a.root-servers.net.");
    expect(recursionProbeName("root-servers.net.")).toBe("example.com.");
  });
});
