import dnsPacket from "dns-packet";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { name } from "../zone/name";
import { nameAtEquals, scanMessage } from "./scan";
import { decodeMessage } from "./wire";

function response(extra: Partial<dnsPacket.Packet>): Uint8Array {
  return new Uint8Array(
    dnsPacket.encode({
      id: 42,
      type: "response",
      flags: dnsPacket.AUTHORITATIVE_ANSWER,
      questions: [{ name: "www.Example.test", type: "A", class: "IN" }],
      ...extra,
    } as dnsPacket.Packet),
  );
}

const opt = (options: dnsPacket.PacketOpt[] = [], flags = 0): dnsPacket.OptAnswer => ({
  type: "OPT",
  name: ".",
  udpPayloadSize: 1232,
  extendedRcode: 0,
  ednsVersion: 0,
  flags,
  flag_do: false,
  options,
});

const SEEDS: Uint8Array[] = [
  response({
    answers: [{ type: "A", name: "www.example.test", ttl: 60, data: "192.0.2.1" }],
    additionals: [opt([], dnsPacket.DNSSEC_OK)],
  }),
  response({
    answers: [
      { type: "CNAME", name: "www.example.test", ttl: 60, data: "host.example.test" },
      { type: "MX", name: "www.example.test", ttl: 60, data: { preference: 10, exchange: "mail.example.test" } },
      {
        type: "SRV",
        name: "_x._tcp.example.test",
        ttl: 60,
        data: { priority: 1, weight: 2, port: 3, target: "t.example.test" },
      },
      { type: "TXT", name: "www.example.test", ttl: 60, data: ["hello", "world"] },
    ],
    authorities: [
      {
        type: "SOA",
        name: "example.test",
        ttl: 60,
        data: {
          mname: "ns.example.test",
          rname: "h.example.test",
          serial: 1,
          refresh: 2,
          retry: 3,
          expire: 4,
          minimum: 5,
        },
      },
    ],
    additionals: [
      { type: "AAAA", name: "ns.example.test", ttl: 60, data: "2001:db8::1" },
      opt([{ code: 10, data: Buffer.from("0102030405060708", "hex") } as unknown as dnsPacket.PacketOpt]),
    ],
  }),
  response({
    flags: dnsPacket.AUTHORITATIVE_ANSWER | 3,
    authorities: [{ type: "NS", name: "example.test", ttl: 60, data: "ns.example.test" }],
  }),
];

describe("scanMessage", () => {
  it("reads the header facts decodeMessage reads", () => {
    const s = scanMessage(SEEDS[1]);
    const d = decodeMessage(SEEDS[1]);
    expect(typeof s).toBe("object");
    expect(d.ok).toBe(true);
    if (typeof s === "string" || !d.ok) return;
    expect(s.qdcount).toBe(1);
    expect(s.rcode).toBe(d.message.rcode);
    expect(s.edns).toEqual({ udpSize: 1232, do: false, version: 0 });
    expect(scanMessage(SEEDS[0])).toMatchObject({ edns: { udpSize: 1232, do: true, version: 0 }, rcode: 0 });
    expect(scanMessage(SEEDS[2])).toMatchObject({ rcode: 3, edns: null });
  });

  it("rejects what decodeMessage rejects, with the same reason (property, mutated and truncated answers)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SEEDS.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.option(fc.nat()),
        (seed, flips, cut) => {
          const b = Uint8Array.from(SEEDS[seed]);
          for (const [at, v] of flips) b[12 + (at % (b.length - 12))] = v;
          const msg = cut === null ? b : b.subarray(0, cut % (b.length + 1));
          const s = scanMessage(msg);
          const d = decodeMessage(msg);
          if (d.ok) {
            expect(typeof s).toBe("object");
            if (typeof s !== "string") {
              expect(s.rcode).toBe(d.message.rcode);
              expect(s.qdcount).toBe(d.message.questions.length);
              expect(s.edns).toEqual(
                d.message.edns && {
                  udpSize: d.message.edns.udpSize,
                  do: d.message.edns.do,
                  version: d.message.edns.version,
                },
              );
            }
          } else {
            expect(s).toBe(d.reason);
          }
        },
      ),
      { numRuns: 20_000, seed: 7 },
    );
  });

  it("compares the question name case-insensitively, through compression pointers", () => {
    const m = SEEDS[0];
    expect(nameAtEquals(m, 12, name("www.example.test"))).toBe(true);
    expect(nameAtEquals(m, 12, name("WWW.EXAMPLE.TEST"))).toBe(true);
    expect(nameAtEquals(m, 12, name("ww.example.test"))).toBe(false);
    // "x" + pointer to offset 12 (dns-packet itself never compresses)
    const q = name("www.example.test");
    const b = new Uint8Array([...m.subarray(0, 12 + q.length), 1, 0x58, 0xc0, 12]);
    expect(nameAtEquals(b, 12 + q.length, name("x.www.example.test"))).toBe(true);
    expect(nameAtEquals(b, 12 + q.length, name("x.www.example.tes"))).toBe(false);
  });
});
