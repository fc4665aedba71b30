import { describe, expect, it } from "vitest";
import { etaSeconds } from "./progress";

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
