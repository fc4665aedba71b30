import { describe, expect, it } from "vitest";
import { etaSeconds, runEtaSeconds, summaryStoppedEarly } from "./progress";

const startedAt = new Date("2026-12-02T12:00:00.000Z");
const at = (s: number) => new Date(startedAt.getTime() + s * 1000);

describe("the ETA of a running check", () => {
  it("is the time left at the pace so far", () => {
    expect(etaSeconds({ startedAt, now: at(10), planned: 9_548, answered: 3_800, failed: 20 })).toBe(15);
  });

  it("is not guessed from the first answers: the walk and the transfers before them say nothing of the pace", () => {
    // A clean 5,000-name move measured in the browser: one second of import, walk and transfers, 12 answers, then
    // 400 a second. Extrapolated from those 12 the ETA read "about 13 min left" for a run that ended 25 s later.
    expect(etaSeconds({ startedAt, now: at(1), planned: 9_548, answered: 12, failed: 0 })).toBeNull();
    expect(etaSeconds({ startedAt, now: at(1.5), planned: 9_548, answered: 150, failed: 0 })).toBeNull();
    expect(etaSeconds({ startedAt, now: at(2), planned: 9_548, answered: 400, failed: 0 })).toBe(46);
  });

  it("is unknown before the run started and once nothing is left", () => {
    expect(etaSeconds({ startedAt: null, now: at(5), planned: 100, answered: 50, failed: 0 })).toBeNull();
    expect(etaSeconds({ startedAt, now: at(5), planned: 100, answered: 99, failed: 1 })).toBeNull();
  });
});

describe("the ETA a run shows", () => {
  // Halfway through its plan after 10 s: 10 s left while it is asking.
  const run = {
    status: "running",
    phase: "old",
    cancelRequestedAt: null,
    startedAt,
    planned: 1_000,
    answered: 480,
    failed: 20,
  };
  const now = at(10);

  it("is shown while either snapshot is asking its questions", () => {
    expect(runEtaSeconds(run, now)).toBe(10);
    expect(runEtaSeconds({ ...run, phase: "new" }, now)).toBe(10);
  });

  it("is gone once a cancel is requested, though the run still says running", () => {
    expect(runEtaSeconds({ ...run, cancelRequestedAt: at(9) }, now)).toBeNull();
  });

  it("is gone once a snapshot stopped early at its deadline or the query cap", () => {
    expect(runEtaSeconds({ ...run, stoppedEarly: true }, now)).toBeNull();
    expect(runEtaSeconds({ ...run, phase: "stopping" }, now)).toBeNull();
  });

  it("is gone after the queries (probes, checks) and once the run ended, whatever the counters say", () => {
    for (const phase of ["import", "rdap", "http", "probes", "checks", "done"])
      expect(runEtaSeconds({ ...run, phase }, now)).toBeNull();
    for (const status of ["queued", "done", "failed", "cancelled"])
      expect(runEtaSeconds({ ...run, status }, now)).toBeNull();
  });
});

describe("a stored snapshot stopped early", () => {
  it("is one whose summary names why it stopped", () => {
    expect(summaryStoppedEarly(JSON.stringify({ incomplete: "the run's deadline passed" }))).toBe(true);
    expect(summaryStoppedEarly(JSON.stringify({ incomplete: null }))).toBe(false);
    expect(summaryStoppedEarly(JSON.stringify({}))).toBe(false);
    expect(summaryStoppedEarly("{not json")).toBe(false);
  });
});
