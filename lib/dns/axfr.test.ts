import dnsPacket from "dns-packet";
import { describe, expect, it } from "vitest";
import { nameToText, name as wire } from "../zone/name";
import { LiveTransfer } from "./axfr";

const soa = { type: "SOA" as const, name: "x.test", ttl: 300, data: { mname: "ns1.x.test", rname: "h.x.test", serial: 7, refresh: 1, retry: 1, expire: 1, minimum: 1 } };
const frame = (answers: dnsPacket.Answer[], additionals: dnsPacket.Answer[] = []) => Uint8Array.from(dnsPacket.encode({ type: "response", id: 1, flags: dnsPacket.AUTHORITATIVE_ANSWER, questions: [{ type: "AXFR", name: "x.test" }], answers, additionals }));

describe("a transfer kept as its messages", () => {
  it("decodes the records in order up to the closing SOA, across messages, without other sections", () => {
    const x = new LiveTransfer({ name: "ns1.x.test.", address: "192.0.2.1", port: 53 }, wire("x.test."), "dns://192.0.2.1:53");
    x.keep(frame([soa, { type: "A", name: "a.x.test", ttl: 60, data: "192.0.2.7" }], [{ type: "A", name: "glue.other.test", ttl: 1, data: "192.0.2.9" }]));
    x.keep(frame([{ type: "TXT", name: "B.x.test", ttl: 60, data: "hi" }, soa]));
    x.count = 3;
    const recs = x.records;
    expect(recs.map((r) => `${nameToText(r.owner)} ${r.type} ${r.section}`)).toEqual(["x.test. 6 answer", "a.x.test. 1 answer", "B.x.test. 16 answer"]);
    expect(recs[1].rdata).toEqual(Uint8Array.of(192, 0, 2, 7));
    expect(recs[0].file).toBe("dns://192.0.2.1:53");
    expect(x.frames).toHaveLength(2);
    // Read twice: the same records (decoded again, not kept).
    expect(x.records).toEqual(recs);
    // Replacing the records drops the messages (a failed transfer keeps nothing).
    x.records = [];
    expect(x.records).toEqual([]);
    expect(x.frames).toHaveLength(0);
    expect(x.count).toBe(0);
  });
});
