import { describe, expect, it } from "vitest";
import type { SnapshotPlan } from "../../dns/run-snapshot";
import { planView } from "./get-run-view";

const plan = (stopCause?: SnapshotPlan["stopCause"]): SnapshotPlan => ({
  ratePerServer: 400,
  deadlineMs: 8_000,
  deadlineDerived: false,
  transferred: [],
  classes: {
    apex: { planned: 12, asked: 12, answered: 12 },
    cuts: { planned: 40, asked: 40, answered: 40 },
    services: { planned: 200, asked: 130, answered: 130 },
    rest: { planned: 4_000, asked: 0, answered: 0 },
  },
  unsent: 4_070,
  ...(stopCause === undefined ? {} : { stopCause }),
});

describe("a stored snapshot's plan on the run page", () => {
  it("gives each priority class asked of planned and, stopped early, what was not asked and why", () => {
    const v = planView("old", plan("cap"), "stopped at the query cap: this run may send 4,182 DNS queries");
    expect(v.stopCause).toBe("cap");
    expect(v.classes.map((c) => [c.label, c.asked, c.planned, c.notAskedText])).toEqual([
      ["apex", 12, 12, ""],
      ["zone cuts", 40, 40, ""],
      ["mail & web", 130, 200, "70 not asked: query cap"],
      ["rest", 0, 4_000, "4,000 not asked: query cap"],
    ]);
    expect(v.summary).toBe(
      "apex 12/12 asked; zone cuts 40/40; mail & web 130/200 (70 not asked: query cap); rest 0/4,000 (4,000 not asked: query cap)",
    );
  });
  it("reads the cause of a run stored before the plan recorded it from why it stopped", () => {
    const v = planView("new", plan(), "the run's deadline passed");
    expect(v.stopCause).toBe("deadline");
    expect(v.classes[3].notAskedText).toBe("4,000 not asked: deadline");
  });
});
