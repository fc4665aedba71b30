import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "./config";
import { INV_CHECKS } from "./inv";
import { runChecks } from "./run-checks";
import { TIM_CHECKS } from "./tim";
import { input, source } from "./testing/build-input";

const head = "@ 3600 IN SOA ns1.old.test. host.example.test. 1 7200 900 1209600 300\n@ IN NS ns1.old.test.\n";
const old = [{ name: "ns1.old.test.", address: "192.0.2.1", zone: head + '@ 3600 IN TXT "v=spf1 mx -all"\n' }];
const run = (spec: Parameters<typeof input>[0]) =>
  runChecks(input(spec), DEFAULT_CONFIG, [...INV_CHECKS, ...TIM_CHECKS]);

describe("TXT split into other character-strings (RFC 7208 §3.3)", () => {
  it("is a warning, not a blocker, at the new operator and in an export, when the concatenations are equal", () => {
    const split = head + '@ 3600 IN TXT "v=spf1 mx " "-all"\n';
    const f = run({
      old,
      neu: [{ name: "ns1.new.test.", address: "203.0.113.1", zone: split }],
      sources: [source("panel.zone", split)],
    });
    expect(f.filter((x) => x.severity === "blocker")).toEqual([]);
    const w = f.filter((x) => x.id === "INV-TXT-SPLIT");
    expect(w.map((x) => [x.severity, x.subject])).toEqual([
      ["warning", "example.test. TXT (the exports)"],
      ["warning", "example.test. TXT (the new operator)"],
    ]);
    expect(w[0].message).toContain('live {"v=spf1 mx -all"}, export {"v=spf1 mx " "-all"}');
    expect(w[0].message).toContain("RFC 6376 §3.6.2.2");
    expect(f.map((x) => x.id)).not.toContain("TIM-TTL-LOWERING");
  });

  it("stays a blocker when the concatenated text differs", () => {
    const other = head + '@ 3600 IN TXT "v=spf1 mx" "-all"\n'; // "v=spf1 mx-all": one space lost
    const f = run({ old, neu: [{ name: "ns1.new.test.", address: "203.0.113.1", zone: other }] });
    expect(f.filter((x) => x.id === "INV-TXT-SPLIT")).toEqual([]);
    expect(f.filter((x) => x.severity === "blocker").map((x) => `${x.id} ${x.subject}`)).toEqual([
      "INV-DIFFERENT-AT-NEW example.test. TXT",
    ]);
  });
});
