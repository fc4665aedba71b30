import { describe, expect, it } from "vitest";
import { computeStepper, type StepperFacts } from "./stepper";

const t0 = new Date("2026-12-01T10:00:00Z");
const later = new Date("2026-12-01T11:00:00Z");

function facts(over: Partial<StepperFacts> = {}): StepperFacts {
  return {
    transferId: "t1",
    sources: { count: 3, failed: 0, lastChangeAt: t0 },
    factsEditedAt: null,
    latestRun: { id: "r1", status: "done", createdAt: later },
    lastDoneRun: { id: "r1", createdAt: later, verdict: "go", openBlockers: 0, openWarnings: 0 },
    schedule: { set: true },
    revision: { number: 2, outdated: false },
    signoffs: { approved: 5, rejected: 0, required: 5, final: true, staleOnly: false },
    ...over,
  };
}
const stateOf = (f: StepperFacts) => Object.fromEntries(computeStepper(f).steps.map((s) => [s.id, s.state]));

describe("computeStepper", () => {
  it("a new transfer: nothing started, the next action imports exports", () => {
    const s = computeStepper(
      facts({
        sources: { count: 0, failed: 0, lastChangeAt: null },
        latestRun: null,
        lastDoneRun: null,
        schedule: { set: false },
        revision: null,
        signoffs: { approved: 0, rejected: 0, required: 5, final: false, staleOnly: false },
      }),
    );
    expect(s.steps.map((x) => x.state)).toEqual([
      "not-started",
      "not-started",
      "not-started",
      "not-started",
      "not-started",
      "not-started",
    ]);
    expect(s.current).toBe("sources");
    expect(s.next).toEqual({ label: "Import exports", href: "/transfers/t1#import-card" });
  });

  it("a final transfer: every step done, no next action", () => {
    const s = computeStepper(facts());
    expect(s.steps.every((x) => x.state === "done")).toBe(true);
    expect(s.current).toBeNull();
    expect(s.next).toBeNull();
  });

  it("a source removed after the run makes the live check and findings stale: a new run is needed", () => {
    const s = computeStepper(
      facts({ sources: { count: 2, failed: 0, lastChangeAt: new Date("2026-12-01T12:00:00Z") } }),
    );
    expect(
      stateOf(facts({ sources: { count: 2, failed: 0, lastChangeAt: new Date("2026-12-01T12:00:00Z") } })),
    ).toMatchObject({ sources: "done", "live-check": "stale", findings: "stale" });
    expect(s.current).toBe("live-check");
    expect(s.steps[1].detail).toBe("Sources changed since the last live check: a new run is needed");
    expect(s.next).toEqual({ label: "Run the live check again", href: "/transfers/t1/checks" });
  });

  it("edited facts make the run stale and, when the revision differs, the checklist too", () => {
    const s = computeStepper(
      facts({ factsEditedAt: new Date("2026-12-01T12:00:00Z"), revision: { number: 2, outdated: true } }),
    );
    expect(s.steps.find((x) => x.id === "live-check")!.detail).toBe(
      "Transfer facts changed since the last live check: a new run is needed",
    );
    expect(s.steps.find((x) => x.id === "checklist")).toMatchObject({
      state: "stale",
      detail: "Revision 2 is out of date: a new revision is needed",
      action: { label: "Create a new revision" },
    });
    expect(s.steps.find((x) => x.id === "signoffs")!.state).toBe("stale");
  });

  it("open blockers and warnings need attention and link to the run", () => {
    const s = computeStepper(
      facts({
        lastDoneRun: { id: "r1", createdAt: later, verdict: "no-go", openBlockers: 3, openWarnings: 1 },
        revision: null,
      }),
    );
    const f = s.steps.find((x) => x.id === "findings")!;
    expect(f).toMatchObject({
      state: "needs-attention",
      detail: "3 open blockers, 1 unacknowledged warning",
      action: { href: "/transfers/t1/checks/r1" },
    });
    expect(s.current).toBe("findings");
  });

  it("a running check needs attention; a failed one offers a new start", () => {
    expect(
      computeStepper(facts({ latestRun: { id: "r2", status: "running", createdAt: later } })).steps[1],
    ).toMatchObject({ state: "needs-attention", action: { href: "/transfers/t1/checks/r2" } });
    expect(
      computeStepper(facts({ latestRun: { id: "r2", status: "failed", createdAt: later }, lastDoneRun: null }))
        .steps[1],
    ).toMatchObject({ state: "needs-attention", detail: "The last live check failed" });
  });

  it("a failed import needs attention", () => {
    expect(computeStepper(facts({ sources: { count: 3, failed: 1, lastChangeAt: t0 } })).steps[0]).toMatchObject({
      state: "needs-attention",
      detail: "1 import failed",
    });
  });

  it("sign-offs: partial approvals need attention with a tally; only stale ones say so", () => {
    expect(
      computeStepper(facts({ signoffs: { approved: 2, rejected: 1, required: 5, final: false, staleOnly: false } }))
        .steps[5],
    ).toMatchObject({ state: "needs-attention", detail: "2/5 approved, 1 rejected" });
    expect(
      computeStepper(facts({ signoffs: { approved: 0, rejected: 0, required: 5, final: false, staleOnly: true } }))
        .steps[5],
    ).toMatchObject({ state: "stale", detail: "Earlier sign-offs are for an older revision" });
  });
});
