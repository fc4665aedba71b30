import { describe, expect, it } from "vitest";
import type { ServerAnswer } from "../dns/types";
import { name as wire } from "../zone/name";
import { DEFAULT_CONFIG } from "./config";
import { DEL_CHECKS } from "./del";
import { hiddenMname, soaExpire, type PrimaryProbe } from "./probes/primary";
import { NO_PROBES } from "./probes/types";
import { runChecks } from "./run-checks";
import { input } from "./testing/build-input";
import type { CheckInput } from "./types";

const zone =
  "@ 3600 IN SOA hidden.old.test. host.example.test. 7 7200 900 1209600 300\n@ IN NS ns1.old.test.\n@ IN NS ns2.old.test.\n";
const old = [
  { name: "ns1.old.test.", address: "192.0.2.1", zone },
  { name: "ns2.old.test.", address: "198.51.100.1", zone },
];

function answer(address: string, transport: "udp" | "tcp", serial: number | null): ServerAnswer {
  const base = {
    server: { name: "hidden.old.test.", address, port: 53 },
    transport,
    question: { name: wire("example.test."), type: 6, class: 1 },
    edns: null,
    elapsedMs: 1,
    attempts: 1,
    mismatches: 0,
    timestamp: "2026-10-01T00:00:00.000Z",
  };
  if (serial === null)
    return { ...base, rcode: null, flags: null, records: [], error: { kind: "timeout", message: "no answer" } };
  return {
    ...base,
    rcode: 0,
    flags: { aa: true, tc: false, rd: false, ra: false, ad: false, cd: false },
    records: [],
    error: null,
  };
}

function probe(p: Partial<PrimaryProbe>): PrimaryProbe {
  return {
    mname: "hidden.old.test.",
    nsSerial: 7,
    expire: 1209600,
    addresses: ["192.0.2.53"],
    resolveProblem: null,
    lookups: [],
    servers: [],
    ...p,
  };
}

const withProbe = (p: PrimaryProbe, facts: Parameters<typeof input>[0]["facts"] = {}): CheckInput => ({
  ...input({ old, facts }),
  probes: { ...NO_PROBES, primary: p },
});
const run = (i: CheckInput) => runChecks(i, DEFAULT_CONFIG, DEL_CHECKS).filter((f) => f.id.startsWith("DEL-PRIMARY"));
const down = probe({
  servers: [
    {
      address: "192.0.2.53",
      udp: answer("192.0.2.53", "udp", null),
      tcp: answer("192.0.2.53", "tcp", null),
      serial: null,
      problem: "UDP: timeout (no answer); TCP: timeout (no answer)",
    },
  ],
});

describe("the hidden primary (SOA MNAME not among the NS)", () => {
  it("is found from the snapshot, and SOA EXPIRE is read", () => {
    expect(hiddenMname(input({ old }).old)).toBe("hidden.old.test.");
    expect(hiddenMname(input({ old: [{ name: "hidden.old.test.", address: "192.0.2.1", zone }] }).old)).toBeNull();
    const soa = input({ old }).old!.answers.find((a) => a.question.type === 6)!.records[0].rdata;
    expect(soaExpire(soa)).toBe(1209600);
  });

  it("unreachable: a warning to acknowledge naming it, its address and the date the secondaries stop answering", () => {
    const f = run(withProbe(down));
    expect(f.map((x) => [x.id, x.severity, x.subject])).toEqual([
      ["DEL-PRIMARY-UNREACHABLE", "warning", "hidden.old.test. 192.0.2.53"],
    ]);
    expect(f[0].message).toContain(
      "if it is down, updates are blocked and the secondaries stop answering at 2026-10-15T00:00:00Z",
    );
    expect(f[0].message).toContain("If it is firewalled on purpose, acknowledge");
  });

  it("unreachable: a blocker when the new operator transfers the zone from it", () => {
    const f = run(withProbe(down, { newOperatorFeed: "axfr" }));
    expect(f.map((x) => [x.id, x.severity])).toEqual([["DEL-PRIMARY-UNREACHABLE", "blocker"]]);
    expect(f[0].message).toContain("transfer the zone from it (AXFR)");
  });

  it("unreachable: a blocker when SOA EXPIRE runs out before the overlap ends", () => {
    const f = run(withProbe({ ...down, expire: 86400 }, { oldZoneKeptUntil: "2026-10-10T00:00:00Z" }));
    expect(f.map((x) => [x.id, x.severity])).toEqual([["DEL-PRIMARY-UNREACHABLE", "blocker"]]);
    expect(f[0].message).toContain("runs out 2026-10-02T00:00:00Z, before the overlap ends 2026-10-10T00:00:00Z");
  });

  it("a primary ahead of its NS, and an MNAME that does not resolve, are reported", () => {
    const ahead = run(
      withProbe(
        probe({
          servers: [
            {
              address: "192.0.2.53",
              udp: answer("192.0.2.53", "udp", 8),
              tcp: answer("192.0.2.53", "tcp", 8),
              serial: 8,
              problem: null,
            },
          ],
        }),
      ),
    );
    expect(ahead.map((x) => [x.id, x.severity, x.subject])).toEqual([
      ["DEL-PRIMARY-SERIAL", "warning", "hidden.old.test. 192.0.2.53"],
    ]);
    expect(ahead[0].message).toContain("serves serial 8 while the NS serve 7");
    const nx = run(withProbe(probe({ addresses: [], resolveProblem: "the name does not exist (NXDOMAIN)" })));
    expect(nx.map((x) => [x.id, x.severity, x.subject])).toEqual([
      ["DEL-PRIMARY-UNRESOLVED", "warning", "hidden.old.test."],
    ]);
  });

  it("a primary that answers with the NS's serial raises nothing", () => {
    expect(
      run(
        withProbe(
          probe({
            servers: [
              {
                address: "192.0.2.53",
                udp: answer("192.0.2.53", "udp", 7),
                tcp: answer("192.0.2.53", "tcp", 7),
                serial: 7,
                problem: null,
              },
            ],
          }),
        ),
      ),
    ).toEqual([]);
  });
});
