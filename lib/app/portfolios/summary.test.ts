import { describe, expect, test } from "vitest";
import type { MemberStateRow } from "../../db/portfolios";
import { summaryCsv } from "./export-summary";
import { matchesFilters, summariseMember } from "./summary";

const transfer = {
  id: "t1",
  domainUnicode: "bücher.test",
  domainAscii: "xn--bcher-kva.test",
  currentDnsOperator: "Old",
  futureDnsOperator: "New",
};
const at = (s: number) => new Date(Date.UTC(2026, 11, 2, 12, 0, s));
const run = (status: string, verdict: string | null, s: number, blockers = 0) => ({
  id: `r${s}`,
  status,
  verdict,
  blockers,
  warnings: 1,
  createdAt: at(s),
  finishedAt: null,
  error: status === "failed" ? "timed out" : null,
});
const state = (o: Partial<MemberStateRow> = {}): MemberStateRow => ({
  transferId: "t1",
  sources: 0,
  runs: [],
  window: null,
  revisions: 0,
  ...o,
});

describe("a member's stage", () => {
  test("follows the transfer's life: exports, ready, queued, checking, checked, checklist", () => {
    expect(summariseMember(transfer, state(), null).stage).toBe("sources");
    expect(summariseMember(transfer, state({ sources: 1 }), null).stage).toBe("ready");
    expect(summariseMember(transfer, state({ sources: 1 }), { status: "queued", error: null })).toMatchObject({
      stage: "queued",
      runStatus: "queued",
    });
    expect(summariseMember(transfer, state({ sources: 1, runs: [run("running", null, 2)] }), null)).toMatchObject({
      stage: "checking",
      verdict: null,
      blockers: null,
    });
    expect(summariseMember(transfer, state({ sources: 1, runs: [run("done", "no-go", 2, 3)] }), null)).toMatchObject({
      stage: "checked",
      verdict: "no-go",
      blockers: 3,
    });
    expect(
      summariseMember(transfer, state({ sources: 1, runs: [run("done", "go", 2)], revisions: 1 }), null).stage,
    ).toBe("checklist");
  });

  test("a running re-check keeps the last verdict; a failed run shows its error next to the earlier verdict", () => {
    const rechecking = summariseMember(
      transfer,
      state({ sources: 1, runs: [run("running", null, 3), run("done", "go", 2)] }),
      null,
    );
    expect(rechecking).toMatchObject({ stage: "checking", verdict: "go", runId: "r3" });
    const failed = summariseMember(
      transfer,
      state({ sources: 1, runs: [run("failed", null, 3), run("done", "go", 2)] }),
      null,
    );
    expect(failed).toMatchObject({ stage: "checked", verdict: "go", error: "timed out", runStatus: "failed" });
    expect(summariseMember(transfer, state({ sources: 1 }), { status: "failed", error: "rate limited" })).toMatchObject(
      { stage: "ready", error: "rate limited" },
    );
  });

  test("filters by stage and verdict (none = not checked yet)", () => {
    const go = summariseMember(transfer, state({ sources: 1, runs: [run("done", "go", 2)] }), null);
    const unchecked = summariseMember(transfer, state({ sources: 1 }), null);
    expect([go, unchecked].filter((m) => matchesFilters(m, { verdict: "go" }))).toEqual([go]);
    expect([go, unchecked].filter((m) => matchesFilters(m, { verdict: "none" }))).toEqual([unchecked]);
    expect([go, unchecked].filter((m) => matchesFilters(m, { stage: "ready" }))).toEqual([unchecked]);
    expect([go, unchecked].filter((m) => matchesFilters(m, {}))).toHaveLength(2);
  });
});

test("the CSV quotes what needs quoting and defuses spreadsheet formulas (RFC 4180, CSV injection)", () => {
  const m = summariseMember(
    { ...transfer, currentDnsOperator: '=HYPERLINK("x")', futureDnsOperator: "New, Inc." },
    state({ window: { start: at(0), end: at(30), timeZone: "Europe/Berlin" } }),
    null,
  );
  const [header, row] = summaryCsv([m]).split("\r\n");
  expect(header!.split(",")).toHaveLength(13);
  expect(row).toBe(
    `bücher.test,sources,,,,,2026-12-02T12:00:00.000Z,2026-12-02T12:00:30.000Z,Europe/Berlin,"'=HYPERLINK(""x"")","New, Inc.",,t1`,
  );
});
