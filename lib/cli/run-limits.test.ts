import { describe, expect, it } from "vitest";
import { planLines, type PlanSummary } from "./run-limits";

const plan: PlanSummary = {
  ratePerServer: 400,
  deadlineSeconds: 8,
  deadlineDerived: false,
  transferred: [],
  classes: {
    apex: { planned: 12, asked: 12 },
    cuts: { planned: 40, asked: 40 },
    services: { planned: 200, asked: 130 },
    rest: { planned: 4_000, asked: 0 },
  },
  unsent: 4_070,
  incomplete: "the run's deadline passed",
  stopCause: "deadline",
};

describe("the plan lines of `cutover check` and `cutover query`", () => {
  it("report a snapshot stopped early per priority class, with what was not asked and why", () => {
    expect(planLines("old snapshot", plan)).toEqual([
      "old snapshot: rate 400 q/s per server, deadline 8 s (set by the operator); transferred: none",
      "old snapshot: apex 12/12 asked; zone cuts 40/40; mail & web 130/200 (70 not asked: deadline); rest 0/4,000 (4,000 not asked: deadline)",
      "old snapshot: STOPPED EARLY (the run's deadline passed): 4070 planned question(s) never sent — unknown, not absent",
    ]);
  });
  it("read the cause from the text when a server does not report it", () => {
    const { stopCause: _c, ...older } = plan;
    expect(planLines("old snapshot", { ...older, incomplete: "the query cap of 50000 was reached" })[1]).toContain(
      "(4,000 not asked: query cap)",
    );
  });
});
