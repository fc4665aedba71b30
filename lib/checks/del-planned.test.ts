import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "./config";
import { runChecks } from "./run-checks";
import { PLANNED_CHECKS } from "./del-planned";
import { input } from "./testing/build-input";

const soa = "@ 3600 IN SOA ns1.new.test. host.example.test. 1 7200 900 1209600 300\n";
const old = [
  { name: "ns1.old.test.", address: "192.0.2.1", zone: soa + "@ IN NS ns1.old.test.\n@ IN NS ns2.old.test.\n" },
];
const run = (spec: Parameters<typeof input>[0]) => runChecks(input(spec), DEFAULT_CONFIG, PLANNED_CHECKS);

describe("the new zone against its planned delegation", () => {
  it("DEL-PLANNED-NS: a zone imported verbatim keeps the old NS, which are about to be retired", () => {
    const f = run({
      old,
      neu: [
        { name: "ns1.new.test.", address: "203.0.113.1", zone: soa + "@ IN NS ns1.old.test.\n@ IN NS ns2.old.test.\n" },
      ],
    });
    expect(f.map((x) => [x.id, x.severity, x.subject])).toEqual([
      ["DEL-PLANNED-NS", "blocker", "ns1.new.test. 203.0.113.1:53"],
    ]);
    expect(f[0].message).toContain(
      "only in the new zone: ns1.old.test., ns2.old.test.; missing from the new zone: ns1.new.test.",
    );
    expect(f[0].message).toContain("RFC 2181 §5.4.1");
  });

  it("passes when the new zone's apex NS equal the plan (case and order aside)", () => {
    const f = run({
      old,
      neu: [
        { name: "NS1.new.test", address: "203.0.113.1", zone: soa + "@ IN NS ns2.NEW.test.\n@ IN NS ns1.new.test.\n" },
      ],
      facts: { plannedNs: ["ns1.new.test", "ns2.new.test."] },
    });
    expect(f).toEqual([]);
  });

  it("is silent when DNS hosting does not move", () => {
    const f = run({
      old,
      neu: [{ name: "ns1.new.test.", address: "203.0.113.1", zone: soa + "@ IN NS ns1.old.test.\n" }],
      facts: { dnsHostingMoves: false },
    });
    expect(f).toEqual([]);
  });

  it("DEL-PLANNED-GLUE: an in-zone NS name whose A differs from the address given for it", () => {
    const zone = soa + "@ IN NS ns1.example.test.\nns1 IN A 198.51.100.9\n";
    const f = run({ old, neu: [{ name: "ns1.example.test.", address: "203.0.113.1", zone }] });
    expect(f.map((x) => [x.id, x.severity, x.subject])).toEqual([
      ["DEL-PLANNED-GLUE", "blocker", "ns1.example.test. @ ns1.example.test. 203.0.113.1:53"],
    ]);
    expect(f[0].message).toContain("will be {203.0.113.1}");
    expect(f[0].message).toContain("publishes ns1.example.test. {198.51.100.9}");
  });

  it("DEL-PLANNED-GLUE passes when the zone publishes exactly the given addresses", () => {
    const zone = soa + "@ IN NS ns1.example.test.\nns1 IN A 203.0.113.1\nns1 IN AAAA 2001:DB8:0::1\n";
    const f = run({
      old,
      neu: [
        { name: "ns1.example.test.", address: "203.0.113.1", zone },
        { name: "ns1.example.test.", address: "2001:db8::1", zone },
      ],
    });
    expect(f).toEqual([]);
  });
});

describe("no wolf: subsets of the new operator's servers", () => {
  it("a zone naming more new servers than were given (no plan stated) is a warning, not a blocker", () => {
    const zone = soa + "@ IN NS ns1.new.test.\n@ IN NS ns2.new.test.\n";
    const f = run({ old, neu: [{ name: "ns1.new.test.", address: "203.0.113.1", zone }] });
    expect(f.map((x) => [x.id, x.severity])).toEqual([["DEL-PLANNED-NS", "warning"]]);
    expect(f[0].remediation).toContain("state the planned NS set");
  });
  it("…but a blocker once the plan is stated", () => {
    const zone = soa + "@ IN NS ns1.new.test.\n@ IN NS ns2.new.test.\n";
    const f = run({
      old,
      neu: [{ name: "ns1.new.test.", address: "203.0.113.1", zone }],
      facts: { plannedNs: ["ns1.new.test."] },
    });
    expect(f.map((x) => [x.id, x.severity])).toEqual([["DEL-PLANNED-NS", "blocker"]]);
  });
  it("an in-zone NS publishing an AAAA besides the given A is a warning", () => {
    const zone = soa + "@ IN NS ns1.example.test.\nns1 IN A 203.0.113.1\nns1 IN AAAA 2001:db8::1\n";
    const f = run({ old, neu: [{ name: "ns1.example.test.", address: "203.0.113.1", zone }] });
    expect(f.map((x) => [x.id, x.severity])).toEqual([["DEL-PLANNED-GLUE", "warning"]]);
    expect(f[0].message).toContain("2001:db8::1 would not be in the glue");
  });
});
