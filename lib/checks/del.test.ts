import { describe, expect, it } from "vitest";
import { runChecks } from "./run-checks";
import { DEL_CHECKS } from "./del";
import { delegationOf, input } from "./testing/build-input";
import { DEFAULT_CONFIG } from "./config";

const zone = (serial: number, extra = "") =>
  `@ 3600 IN SOA ns1.old.test. host.example.test. ${serial} 7200 900 1209600 300\n@ IN NS ns1.old.test.\n@ IN NS ns2.old.test.\n${extra}`;
const run = (i: Parameters<typeof runChecks>[0]) => runChecks(i, DEFAULT_CONFIG, DEL_CHECKS);

describe("DEL checks", () => {
  it("DEL-SOA-SERIAL names the stale server", () => {
    const f = run(
      input({
        old: [
          { name: "ns1.old.test.", address: "192.0.2.1", zone: zone(5) },
          { name: "ns2.old.test.", address: "198.51.100.1", zone: zone(4) },
        ],
      }),
    );
    const s = f.filter((x) => x.id === "DEL-SOA-SERIAL");
    expect(s.map((x) => [x.subject, x.severity])).toEqual([["ns2.old.test. 198.51.100.1:53", "blocker"]]);
    expect(s[0].message).toContain("serves serial 4");
  });

  it("DEL-PRIMARY-UNREACHABLE and DEL-SERVER-UNREACHABLE when the MNAME server is down", () => {
    const f = run(
      input({
        old: [
          { name: "ns1.old.test.", address: "192.0.2.1", zone: null },
          { name: "ns2.old.test.", address: "198.51.100.1", zone: zone(5) },
        ],
      }),
    );
    expect(
      f
        .filter((x) => x.severity === "blocker")
        .map((x) => x.id)
        .sort(),
    ).toEqual(["DEL-PRIMARY-UNREACHABLE", "DEL-SERVER-UNREACHABLE"]);
  });

  it("DEL-NS-DIVERSITY: one network, and a single name server", () => {
    const one = run(
      input({
        old: [
          { name: "ns1.old.test.", address: "192.0.2.1", zone: zone(1) },
          { name: "ns2.old.test.", address: "192.0.2.2", zone: zone(1) },
        ],
      }),
    );
    expect(one.filter((x) => x.id === "DEL-NS-DIVERSITY").map((x) => x.message)).toEqual([
      expect.stringContaining("one network (192.0.2.0/24)"),
    ]);
    const single = run(input({ old: [{ name: "ns1.old.test.", address: "192.0.2.1", zone: zone(1) }] }));
    expect(single.find((x) => x.id === "DEL-NS-DIVERSITY")!.message).toContain("1 name server");
  });

  it("DEL-PARENT-CHILD-NS compares the referral with the child", () => {
    const f = run(
      input({
        old: [
          { name: "ns1.old.test.", address: "192.0.2.1", zone: zone(1) },
          { name: "ns2.old.test.", address: "198.51.100.1", zone: zone(1) },
        ],
        delegation: delegationOf("@ 86400 IN NS ns1.old.test.\n"),
      }),
    );
    const m = f.filter((x) => x.id === "DEL-PARENT-CHILD-NS");
    expect(m).toHaveLength(2);
    expect(m[0].message).toContain("only at the child: ns2.old.test.");
  });

  it("DEL-SUBZONE-CUT when a delegation under the old servers is absent at the new side", () => {
    const old = zone(1, "release IN NS ns-1.awsdns-1.com.\n");
    const f = run(
      input({
        old: [{ name: "ns1.old.test.", address: "192.0.2.1", zone: old }],
        neu: [{ name: "ns1.new.test.", address: "203.0.113.1", zone: zone(1) }],
      }),
    );
    expect(f.filter((x) => x.id === "DEL-SUBZONE-CUT").map((x) => x.subject)).toEqual(["release.example.test."]);
  });

  it("DEL-OPEN-RECURSION flags RA", () => {
    const f = run(input({ old: [{ name: "ns1.old.test.", address: "192.0.2.1", zone: zone(1), ra: true }] }));
    expect(f.filter((x) => x.id === "DEL-OPEN-RECURSION").map((x) => x.subject)).toEqual([
      "ns1.old.test. 192.0.2.1:53",
    ]);
  });
});
