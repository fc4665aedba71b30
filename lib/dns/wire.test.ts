import dnsPacket from "dns-packet";
import { describe, expect, it } from "vitest";
import { name } from "../zone/name";
import { decodeMessage } from "./wire";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

function response(extra: Partial<dnsPacket.Packet>): Uint8Array {
  return new Uint8Array(
    dnsPacket.encode({
      id: 42,
      type: "response",
      flags: dnsPacket.AUTHORITATIVE_ANSWER,
      questions: [{ name: "example.test", type: "A", class: "IN" }],
      ...extra,
    } as dnsPacket.Packet),
  );
}

function opt(fields: Partial<dnsPacket.OptAnswer>): dnsPacket.OptAnswer {
  return {
    type: "OPT",
    name: ".",
    udpPayloadSize: 1232,
    extendedRcode: 0,
    ednsVersion: 0,
    flags: 0,
    flag_do: false,
    options: [],
    ...fields,
  };
}

describe("decodeMessage", () => {
  it("reads header flags with dns-packet's masks and OPT (size, DO, options) with dns-packet's codec", () => {
    const m = decodeMessage(
      response({
        flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.AUTHENTIC_DATA,
        answers: [{ type: "A", name: "example.test", ttl: 60, data: "192.0.2.1" }],
        additionals: [
          opt({
            udpPayloadSize: 4096,
            flags: dnsPacket.DNSSEC_OK,
            options: [{ code: 11, timeout: 300 } as dnsPacket.PacketOpt],
          }),
        ],
      }),
    );
    if (!m.ok) throw new Error(m.reason);
    expect(m.message.flags).toEqual({
      qr: true,
      opcode: 0,
      aa: true,
      tc: false,
      rd: false,
      ra: false,
      ad: true,
      cd: false,
    });
    expect(m.message.edns).toMatchObject({ udpSize: 4096, do: true, version: 0, extendedRcode: 0 });
    expect(m.message.edns?.options).toHaveLength(1);
    expect(m.message.edns?.options[0]).toMatchObject({ code: 11, type: "TCP_KEEPALIVE", timeout: 300 });
    expect(m.message.additional).toEqual([]); // OPT is not a record
    expect(hex(m.message.answer[0].rdata)).toBe("c0000201");
  });

  it("combines the header RCODE with OPT's extended RCODE (RFC 6891 §6.1.3: BADVERS = 16)", () => {
    const m = decodeMessage(response({ additionals: [opt({ extendedRcode: 1, ednsVersion: 0 })] }));
    expect(m.ok && m.message.rcode).toBe(16);
  });

  it("keeps name bytes dns-packet's text codec would lose", () => {
    // question qname "\255.test." built by hand: dns-packet would decode the label as U+FFFD
    const bytes = Uint8Array.from([
      0, 1, 0x84, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0xff, 4, 0x74, 0x65, 0x73, 0x74, 0, 0, 1, 0, 1,
    ]);
    const m = decodeMessage(bytes);
    if (!m.ok) throw new Error(m.reason);
    expect(hex(m.message.questions[0].name)).toBe("01ff" + hex(name("test")));
  });

  it("turns a broken OPT option into malformed, not a throw", () => {
    const good = response({ additionals: [opt({ options: [{ code: 11, timeout: 300 } as dnsPacket.PacketOpt] })] });
    // KEEP-ALIVE claims 2 bytes of data but RDLENGTH leaves none: shrink RDLENGTH to the option header only
    const bad = Uint8Array.from(good);
    const rdlenAt = bad.length - 6 - 2;
    bad[rdlenAt + 1] = 4; // option header (code, length=2) without its data
    const m = decodeMessage(bad.subarray(0, bad.length - 2));
    expect(m).toEqual({ ok: false, reason: expect.stringMatching(/^bad OPT record: /) });
  });

  it("refuses two OPT records and an OPT whose owner is not the root", () => {
    expect(decodeMessage(response({ additionals: [opt({}), opt({})] }))).toEqual({
      ok: false,
      reason: "more than one OPT record",
    });
    const r = response({ additionals: [opt({})] });
    const withOwner = new Uint8Array(r.length + 2);
    const at = r.length - 11; // OPT owner byte
    withOwner.set(r.subarray(0, at));
    withOwner.set([1, 0x61], at); // owner "a."
    withOwner.set(r.subarray(at), at + 2);
    expect(decodeMessage(withOwner)).toEqual({ ok: false, reason: "OPT owner is not the root" });
  });

  it("rejects every truncation of a valid answer without throwing", () => {
    const full = response({
      answers: [{ type: "MX", name: "example.test", ttl: 60, data: { preference: 10, exchange: "mail.example.test" } }],
      additionals: [opt({ flags: dnsPacket.DNSSEC_OK })],
    });
    expect(decodeMessage(full).ok).toBe(true);
    for (let n = 0; n < full.length; n++) expect(decodeMessage(full.subarray(0, n)).ok).toBe(false);
  });
});
