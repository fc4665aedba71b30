import dnsPacket from "dns-packet";
import { describe, expect, it } from "vitest";
import { name, parseName } from "../zone/name";
import { encodeQuery } from "./encode-query";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("encodeQuery (dns-packet header/question/OPT, wire qname spliced in)", () => {
  it("writes RD=0, the question and EDNS 1232 with DO as dns-packet reads them back", () => {
    const q = encodeQuery({ id: 0x1234, name: name("www.Example.test"), type: 65, dnssecOk: true });
    const d = dnsPacket.decode(Buffer.from(q));
    expect(d.id).toBe(0x1234);
    expect(d.type).toBe("query");
    expect(d.flags).toBe(0);
    expect(d.questions).toEqual([{ name: "www.Example.test", type: "UNKNOWN_65", class: "IN" }]);
    const opt = d.additionals?.[0] as dnsPacket.OptAnswer;
    expect(opt.type).toBe("OPT");
    expect(opt.udpPayloadSize).toBe(1232);
    expect(opt.flag_do).toBe(true);
    expect(hex(q)).toBe(
      "123400000001000000000001" +
        "03777777074578616d706c650474657374" +
        "00" +
        "0041" +
        "0001" +
        "00002904d0000080000000",
    );
  });

  it("omits OPT when EDNS is off and keeps any class", () => {
    const q = encodeQuery({ id: 7, name: name("a.test"), type: 16, class: 3, ednsUdpSize: null });
    expect(hex(q)).toBe("000700000001000000000000" + "0161047465737400" + "0010" + "0003");
  });

  it("carries labels dns-packet's text codec cannot express, byte for byte", () => {
    // a dot inside a label and a non-UTF-8 byte (RFC 2181 §11: any octet is legal)
    const r = parseName("a\\.b.\\255x.test.", null);
    if (!r.ok) throw new Error(r.message);
    const q = encodeQuery({ id: 1, name: r.wire, type: 1 });
    expect(hex(q.subarray(12, 12 + r.wire.length))).toBe(hex(r.wire));
    expect(hex(r.wire)).toBe("03612e6202ff780474657374" + "00");
    expect(q.length).toBe(12 + r.wire.length + 4 + 11);
  });

  it("does not let one query's bytes leak into the cached template", () => {
    const a = encodeQuery({ id: 0xffff, name: name("one.test"), type: 1 });
    const b = encodeQuery({ id: 2, name: name("t.test"), type: 1 });
    expect(hex(a.subarray(0, 2))).toBe("ffff");
    expect(hex(b.subarray(0, 2))).toBe("0002");
    expect(dnsPacket.decode(Buffer.from(b)).questions?.[0].name).toBe("t.test");
  });
});
