import { describe, expect, it } from "vitest";
import type { AxfrResult } from "../dns/axfr";
import { records } from "../checks/testing/build-input";
import { name as wire } from "../zone/name";
import { T } from "../zone/rrtype";
import { rrsetKey, serverView, sourceView } from "./zone-view";

const apex = wire("example.test.");
const server = { name: "ns1.old.test.", address: "192.0.2.1", port: 53 };
const ZONE = `@ 3600 IN SOA ns1.old.test. host.example.test. 7 7200 900 1209600 300
@ IN NS ns1.old.test.
@ IN MX 10 mx
mx IN A 192.0.2.25
sub IN NS ns1.sub
sub IN DS 12345 13 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE7FE8E8EA3E7B8D0C5A2B6A1F
ns1.sub IN A 192.0.2.53
`;

function transfer(text: string): AxfrResult {
  return {
    server,
    zone: apex,
    records: records(text).map((r) => ({ ...r, section: "answer" as const })),
    messages: 1,
    bytes: 0,
    elapsedMs: 1,
    rcode: 0,
    tsig: "none",
    error: null,
    timestamp: "2026-10-01T00:00:00.000Z",
  };
}

describe("a server view from a full transfer", () => {
  const v = serverView({ apex, server, answers: [], snapshot: "old", axfr: transfer(ZONE) });

  it("holds every RRset above the cuts, the delegation NS and DS at the cut, and no glue", () => {
    expect([...v.rrsets.values()].map((s) => `${s.ownerText} ${s.typeText}`).sort()).toEqual(
      [
        "example.test. MX",
        "example.test. NS",
        "example.test. SOA",
        "mx.example.test. A",
        "sub.example.test. DS",
        "sub.example.test. NS",
      ].sort(),
    );
    expect(v.complete).toBe(true);
    expect(v.serial).toBe(7);
    expect(v.cuts).toEqual(["sub.example.test."]);
  });

  it("says every in-zone (owner, type) was asked, so absence there is real absence", () => {
    expect(v.asked(wire("mx.example.test."), T.AAAA)).toBe(true);
    expect(v.asked(wire("nothing.example.test."), T.A)).toBe(true);
    expect(v.asked(wire("sub.example.test."), T.DS)).toBe(true);
  });

  it("never judges the child's data: at and below a cut only NS/DS are the parent's", () => {
    expect(v.asked(wire("ns1.sub.example.test."), T.A)).toBe(false);
    expect(v.asked(wire("sub.example.test."), T.A)).toBe(false);
    expect(v.asked(wire("other.test."), T.A)).toBe(false);
  });

  it("a failed transfer gives no completeness: only what was asked counts", () => {
    const failed = { ...transfer(ZONE), records: [], error: { kind: "refused" as const, message: "REFUSED" } };
    const q = serverView({ apex, server, answers: [], snapshot: "old", axfr: failed });
    expect(q.rrsets.size).toBe(0);
    expect(q.asked(wire("mx.example.test."), T.A)).toBe(false);
    expect(q.complete).toBe(false);
  });
});

describe("zone cuts from a SOA below the apex", () => {
  it("a source holding a child's SOA and records keeps none of the child's data", () => {
    const s = sourceView({
      label: "s",
      apex,
      records: records(`${ZONE}child IN SOA ns1 host 1 2 3 4 5\nchild IN A 192.0.2.9\nwww.child IN A 192.0.2.10\n`),
    });
    expect(s.cuts).toEqual(["child.example.test.", "sub.example.test."]);
    expect(s.rrsets.has(rrsetKey(wire("www.child.example.test."), 1, T.A))).toBe(false);
    expect(s.rrsets.has(rrsetKey(wire("child.example.test."), 1, T.A))).toBe(false);
  });
});
