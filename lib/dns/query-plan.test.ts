import { describe, expect, it } from "vitest";
import { nameKey, name as wire } from "../zone/name";
import { NameSet, T } from "./discovery";
import {
  classOf,
  derivedDeadlineMs,
  DEADLINE_MARGIN_MS,
  perServerCounts,
  planQueries,
  PRIORITY_CLASSES,
} from "./query-plan";
import type { ServerRef } from "./types";

const apex = wire("example.test.");
const AXFR: ServerRef = { name: "ns1.example.test.", address: "192.0.2.1", port: 53 };
const REFUSED: ServerRef = { name: "ns2.example.test.", address: "192.0.2.2", port: 53 };

function names() {
  const n = new NameSet(apex);
  n.add(apex, "apex", T.SOA);
  n.add(apex, "apex", T.MX);
  n.add(wire("host1.example.test."), "axfr", T.A);
  n.add(wire("host1.example.test."), "axfr", T.TXT);
  n.add(wire("mx1.example.test."), "axfr", T.A);
  n.add(wire("www.example.test."), "axfr", T.CNAME);
  n.add(wire("sub.example.test."), "zone-cut");
  n.add(wire("sub.example.test."), "axfr", T.NS);
  n.add(wire("ns1.sub.example.test."), "glue");
  n.add(wire("deep.sub.example.test."), "axfr", T.A);
  n.add(wire("guess.example.test."), "common-label");
  return n;
}
const cuts = [wire("sub.example.test.")];

describe("query plan", () => {
  const plan = planQueries({
    apex,
    names: names().all(),
    cuts,
    transferred: [AXFR],
    queried: [REFUSED],
    serviceTargets: new Set([nameKey(wire("mx1.example.test."))]),
    guesses: false,
    firstRound: true,
    probe: null,
  });
  const at = (s: ServerRef) => plan.filter((q) => q.server === s).map((q) => `${q.name.text} ${q.type}`);

  it("is ordered by priority class: apex, cuts, services, rest", () => {
    const order = plan.map((q) => PRIORITY_CLASSES.indexOf(q.cls));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(plan[0].cls).toBe("apex");
  });

  it("asks a transferred server only what AXFR cannot show: apex signer RRsets, the cut's NS/DS and glue, a NODATA sample", () => {
    expect(at(AXFR)).toEqual([
      `example.test. ${T.DNSKEY}`,
      `example.test. ${T.CDS}`,
      `example.test. ${T.CDNSKEY}`,
      `sub.example.test. ${T.NS}`,
      `sub.example.test. ${T.DS}`,
      `ns1.sub.example.test. ${T.A}`,
      `ns1.sub.example.test. ${T.AAAA}`,
      `mx1.example.test. ${T.TXT}`, // NODATA sample: a type the name does not hold
    ]);
    // No per-name question about a known RRset at the server that transferred the zone.
    expect(plan.some((q) => q.server === AXFR && q.name.text === "host1.example.test." && q.type === T.A)).toBe(false);
  });

  it("asks a refusing server every known name with exactly its known types, and nothing below a cut", () => {
    const known = at(REFUSED).filter((x) => x.startsWith("host1.") || x.startsWith("www.") || x.startsWith("mx1."));
    expect(known.sort()).toEqual(
      [
        `host1.example.test. ${T.A}`,
        `host1.example.test. ${T.TXT}`,
        `mx1.example.test. ${T.A}`,
        `www.example.test. ${T.CNAME}`,
      ].sort(),
    );
    expect(at(REFUSED).some((x) => x.startsWith("deep.sub."))).toBe(false);
    expect(at(REFUSED).some((x) => x.startsWith("guess."))).toBe(false); // guesses off once a transfer listed the zone
  });

  it("puts mail and web names in the services class", () => {
    const n = names();
    expect(classOf(n.get(wire("mx1.example.test."))!, apex, new Set([nameKey(wire("mx1.example.test."))]))).toBe(
      "services",
    );
    expect(classOf(n.get(wire("mx1.example.test."))!, apex, new Set())).toBe("rest");
    expect(classOf(n.get(wire("www.example.test."))!, apex, new Set())).toBe("services");
    expect(classOf(n.get(wire("host1.example.test."))!, apex, new Set())).toBe("rest");
  });

  it("without any transfer, known types come before guesses", () => {
    const p = planQueries({
      apex,
      names: names().all(),
      cuts,
      transferred: [],
      queried: [REFUSED],
      serviceTargets: new Set(),
      guesses: true,
      firstRound: true,
      probe: null,
    });
    const firstGuess = p.findIndex((q) => q.kind === "guess");
    const lastKnownRest = p.map((q) => q.kind === "exact" && q.cls === "rest").lastIndexOf(true);
    expect(firstGuess).toBeGreaterThan(lastKnownRest);
  });

  it("asks a cut found in a later round NS, DS and its glue at every server, the transferred ones included", () => {
    const later = new NameSet(apex);
    later.add(wire("late.example.test."), "zone-cut");
    later.add(wire("ns.late.example.test."), "glue");
    const p = planQueries({
      apex,
      names: later.all(),
      cuts: [...cuts, wire("late.example.test.")],
      transferred: [AXFR],
      queried: [REFUSED],
      serviceTargets: new Set(),
      guesses: false,
      firstRound: false,
      probe: null,
    });
    const expected = [
      `late.example.test. ${T.NS}`,
      `late.example.test. ${T.DS}`,
      `ns.late.example.test. ${T.A}`,
      `ns.late.example.test. ${T.AAAA}`,
    ];
    for (const s of [AXFR, REFUSED])
      expect(p.filter((q) => q.server === s).map((q) => `${q.name.text} ${q.type}`)).toEqual(expected);
  });

  it("derives the deadline from the busiest server at the per-server rate, plus margins", () => {
    const per = perServerCounts(plan);
    const busiest = Math.max(...per.values());
    expect(derivedDeadlineMs({ perServer: per, ratePerServer: 10, slowestQueryMs: 6000 })).toBe(
      Math.ceil((busiest / 10) * 1000 * 1.25 + DEADLINE_MARGIN_MS + 6000),
    );
    expect(derivedDeadlineMs({ perServer: new Map([["a", 10_000]]), ratePerServer: 400, slowestQueryMs: 6000 })).toBe(
      31_250 + DEADLINE_MARGIN_MS + 6000,
    );
    expect(derivedDeadlineMs({ perServer: new Map([["a", 10_000]]), ratePerServer: Infinity, slowestQueryMs: 0 })).toBe(
      DEADLINE_MARGIN_MS,
    );
  });
});
