import dnsPacket from "dns-packet";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { name } from "../zone/name";
import { evidenceOf, evidenceOfRaw, LiveAnswer } from "./live-answer";
import { scanMessage } from "./scan";
import { decodeMessage } from "./wire";

const plain = (recs: { owner: Uint8Array; rdata: Uint8Array }[]) =>
  recs.map((r) => ({ ...r, owner: Array.from(r.owner), rdata: Array.from(r.rdata) }));

/** A hand-compressed answer: owner and MX exchange as pointers to the question name (RFC 1035 §4.1.4). */
function compressed(): Uint8Array {
  const q = name("Mail.Example.test");
  const head = [0, 7, 0x84, 0, 0, 1, 0, 2, 0, 0, 0, 1];
  const question = [...q, 0, 15, 0, 1];
  const mx = [0xc0, 12, 0, 15, 0, 1, 0, 0, 0, 60, 0, 4, 0, 10, 0xc0, 12];
  const a = [0xc0, 12, 0, 1, 0, 1, 0, 0, 1, 0, 0, 4, 192, 0, 2, 1];
  const optRr = [0, 0, 41, 4, 0xd0, 0, 0, 0x80, 0, 0, 0];
  return Uint8Array.from([...head, ...question, ...mx, ...a, ...optRr]);
}

const SEEDS: Uint8Array[] = [
  compressed(),
  new Uint8Array(
    dnsPacket.encode({
      id: 9,
      type: "response",
      flags: dnsPacket.AUTHORITATIVE_ANSWER,
      questions: [{ name: "www.example.test", type: "A", class: "IN" }],
      answers: [
        { type: "CNAME", name: "WWW.example.test", ttl: 60, data: "Host.Example.test" },
        { type: "TXT", name: "www.example.test", ttl: 60, data: ["hello", "world"] },
      ],
      authorities: [
        {
          type: "SOA",
          name: "example.test",
          ttl: 60,
          data: {
            mname: "NS.example.test",
            rname: "h.example.test",
            serial: 1,
            refresh: 2,
            retry: 3,
            expire: 4,
            minimum: 5,
          },
        },
      ],
      additionals: [{ type: "AAAA", name: "ns.example.test", ttl: 60, data: "2001:db8::1" }],
    } as dnsPacket.Packet),
  ),
];

describe("evidence read from the kept bytes", () => {
  it("equals decodeMessage's evidence: names decompressed, case kept, RDATA canonical, OPT left out", () => {
    const raw = SEEDS[0];
    const d = decodeMessage(raw);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const got = evidenceOfRaw(raw, "dns://192.0.2.53:53");
    expect(plain(got)).toEqual(plain(evidenceOf(d.message, "dns://192.0.2.53:53")));
    expect(got.map((r) => [r.type, r.section])).toEqual([
      [15, "answer"],
      [1, "answer"],
    ]);
    expect(Array.from(got[0].owner)).toEqual(Array.from(name("Mail.Example.test")));
    // MX exchange: decompressed and lowercased (RFC 4034 §6.2)
    expect(Array.from(got[0].rdata)).toEqual([0, 10, ...name("mail.example.test")]);
  });

  it("property: for every answer that passes the scan at receipt, the same records as decodeMessage", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SEEDS.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
        (seed, flips) => {
          const b = Uint8Array.from(SEEDS[seed]);
          for (const [at, v] of flips) b[12 + (at % (b.length - 12))] = v;
          if (typeof scanMessage(b) === "string") return;
          const d = decodeMessage(b);
          expect(d.ok).toBe(true);
          if (d.ok) expect(plain(evidenceOfRaw(b, "f"))).toEqual(plain(evidenceOf(d.message, "f")));
        },
      ),
      { numRuns: 5_000, seed: 11 },
    );
  });

  it("LiveAnswer decodes on read and JSON carries the records", () => {
    const a = new LiveAnswer(
      { name: "ns.", address: "192.0.2.53", port: 53 },
      "udp",
      { name: name("mail.example.test"), type: 15, class: 1 },
      "2026-01-01T00:00:00.000Z",
    );
    a.keep(SEEDS[0], "dns://192.0.2.53:53");
    expect(a.records).toHaveLength(2);
    const j = JSON.parse(JSON.stringify(a));
    expect(j.records[1]).toMatchObject({ type: 1, ttl: 256, section: "answer", file: "dns://192.0.2.53:53", line: 0 });
  });
});
