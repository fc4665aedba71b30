import { describe, expect, it } from "vitest";
import { classReport, classReportText, stopCauseOf } from "./plan-report";

const stopped = {
  classes: {
    apex: { planned: 12, asked: 12 },
    cuts: { planned: 40, asked: 40 },
    services: { planned: 200, asked: 130 },
    rest: { planned: 4_000, asked: 0 },
  },
  stopCause: "deadline" as const,
  incomplete: "the run's deadline passed",
};

describe("the per-class report of a snapshot", () => {
  it("says per class how many were asked, how many not, and why", () => {
    expect(classReportText(stopped)).toBe(
      "apex 12/12 asked; zone cuts 40/40; mail & web 130/200 (70 not asked: deadline); rest 0/4,000 (4,000 not asked: deadline)",
    );
    expect(classReport(stopped).map((r) => [r.cls, r.notAsked, r.cause])).toEqual([
      ["apex", 0, null],
      ["cuts", 0, null],
      ["services", 70, "deadline"],
      ["rest", 4_000, "deadline"],
    ]);
  });

  it("names the query cap and a cancel", () => {
    expect(classReportText({ ...stopped, stopCause: "cap" })).toContain("(4,000 not asked: query cap)");
    expect(classReportText({ ...stopped, stopCause: "cancelled" })).toContain("(70 not asked: cancelled)");
  });

  it("of a finished snapshot: asked of planned, nothing left", () => {
    const done = { classes: { apex: { planned: 3, asked: 3 }, rest: { planned: 5, asked: 5 } }, stopCause: null };
    expect(classReportText(done)).toBe("apex 3/3 asked; zone cuts 0/0; mail & web 0/0; rest 5/5");
  });

  it("reads the cause of a run stored before it was recorded from its text, where the text tells", () => {
    expect(stopCauseOf({ incomplete: "the run's deadline passed" })).toBe("deadline");
    expect(stopCauseOf({ incomplete: "the query cap of 50000 was reached" })).toBe("cap");
    expect(stopCauseOf({ incomplete: "the run was stopped (cancelled or at its query cap)" })).toBeNull();
    expect(stopCauseOf({ incomplete: null })).toBeNull();
    // Recorded: the record wins.
    expect(stopCauseOf({ stopCause: "cancelled", incomplete: "the run's deadline passed" })).toBe("cancelled");
    expect(
      classReportText({
        ...stopped,
        stopCause: undefined,
        incomplete: "the run was stopped (cancelled or at its query cap)",
      }),
    ).toContain("(70 not asked)");
  });
});
