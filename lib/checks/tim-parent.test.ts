import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "./config";
import { runChecks } from "./run-checks";
import { formatDuration } from "../schedule/duration";
import { TIM_CHECKS } from "./tim";
import { delegationOf, input } from "./testing/build-input";
import { computeTiming, timingFor } from "./timing";

const zone = "@ 3600 IN SOA ns1.old.test. host.example.test. 1 7200 900 1209600 300\n@ IN NS ns1.old.test.\n";
const old = [{ name: "ns1.old.test.", address: "192.0.2.1", zone }];

describe("the parent's TTL in the window arithmetic", () => {
  it("uses the measured parent NS TTL: 172800 s → minimum window 2 d 1 h", () => {
    const i = input({ old, delegation: delegationOf("@ 172800 IN NS ns1.old.test.\n") });
    const t = timingFor(i);
    expect(t.inputs.parentNsTtl).toBe(172800);
    expect(t.minWindowSeconds).toBe(176400);
    expect(formatDuration(t.minWindowSeconds)).toBe("2 d 1 h");
    expect(runChecks(i, DEFAULT_CONFIG, TIM_CHECKS).map((f) => f.id)).not.toContain("TIM-PARENT-TTL-UNMEASURED");
  });

  it("never computes with 0 when the referral could not be measured: a finding, and the window assumes 2 d", () => {
    const i = input({ old, facts: { window: { start: "2026-10-06T08:00:00Z", end: "2026-10-06T12:00:00Z" } } });
    const t = timingFor(i);
    expect(t.inputs.parentNsTtl).toBeNull();
    expect(t.minOverlapSeconds).toBe(172800 + 3600);
    expect(t.rollbackSeconds).toBe(172800 + 3600);
    const f = runChecks(i, DEFAULT_CONFIG, TIM_CHECKS);
    const u = f.find((x) => x.id === "TIM-PARENT-TTL-UNMEASURED")!;
    expect(u.severity).toBe("warning");
    expect(u.message).toContain("could not be measured (the parent's referral was not asked)");
    // A 4 h window is not called long enough on a guess of 0.
    expect(f.find((x) => x.id === "TIM-WINDOW-TOO-SHORT")!.severity).toBe("blocker");
  });

  it("names the delegation problem the snapshot recorded", () => {
    const d = {
      ...delegationOf("@ 172800 IN NS ns1.old.test.\n"),
      ns: [],
      problem: "the parent's servers did not answer (timeout)",
    };
    const f = runChecks(input({ old, delegation: d }), DEFAULT_CONFIG, TIM_CHECKS);
    expect(f.find((x) => x.id === "TIM-PARENT-TTL-UNMEASURED")!.message).toContain(
      "(the parent's servers did not answer (timeout))",
    );
  });

  it("explains the assumption in the arithmetic", () => {
    const t = computeTiming({
      parentNsTtl: null,
      childNsTtl: 3600,
      dsTtl: null,
      soaTtl: 3600,
      soaMinimum: 300,
      maxRecordTtl: 3600,
      dnssecChange: false,
      marginSeconds: 3600,
    });
    expect(t.explanation[0]).toBe("NS TTL max(parent not measured, assumed 172800, child 3600) = 172800 s");
  });
});
