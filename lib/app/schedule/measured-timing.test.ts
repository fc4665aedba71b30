import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeTiming, scheduleTimingInputs } from "../../checks/timing";
import { saveFindings } from "../../db/findings";
import { createRun, updateRun } from "../../db/runs";
import { createTestDb, type TestDb } from "../../db/test-db";
import { getSchedulePage } from "./get-schedule";
import { SEED_STAFF } from "../testing/staff";
import { loadReviewInput } from "../checklist/latest-run-evidence";
import { seedTransfer } from "../testing/seed";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.dispose();
});

// A signed zone whose operator changes, with one changing record at TTL 600.
const measured = computeTiming({
  parentNsTtl: 86400,
  childNsTtl: 7200,
  dsTtl: 3600,
  soaTtl: 3600,
  soaMinimum: 900,
  maxRecordTtl: 43200,
  changingRecordsTtl: 600,
  dnssecChange: true,
  marginSeconds: 1800,
});

describe("timing read from the run, not from finding text", () => {
  it("maps the run's measured timing to the schedule's inputs", () => {
    expect(scheduleTimingInputs(measured.inputs)).toEqual({
      parentNsTtl: 86400,
      childNsTtl: 7200,
      maxRecordTtl: 43200,
      negativeTtl: 900,
      dsTtl: 3600,
      dsChanges: true,
      changingRecordsTtl: 600,
      marginSeconds: 1800,
    });
    const unmeasured = computeTiming({
      parentNsTtl: null,
      childNsTtl: 3600,
      dsTtl: null,
      soaTtl: null,
      soaMinimum: null,
      maxRecordTtl: 3600,
      dnssecChange: false,
      marginSeconds: 3600,
    });
    expect(scheduleTimingInputs(unmeasured.inputs)).toEqual({
      parentNsTtl: 172800,
      childNsTtl: 3600,
      maxRecordTtl: 3600,
      negativeTtl: 0,
      dsTtl: null,
      dsChanges: false,
      marginSeconds: 3600,
    });
  });

  it("the schedule page takes overlap, window and TTL-lowering lead from the stored timing even when no TIM finding says them", async () => {
    const transferId = await seedTransfer({ domain: "timing.test", db: t.db });
    const run = await createRun({ transferId, oldServersJson: "[]", newServersJson: "[]", optionsJson: "{}" }, t.db);
    // A finding whose text looks like the old evidence format, with other numbers: it must be ignored.
    await saveFindings(
      run.id,
      [
        {
          key: "TIM-OVERLAP@timing.test.",
          checkId: "TIM-OVERLAP",
          family: "TIM",
          severity: "info",
          subject: "timing.test.",
          message: "m",
          remediation: "r",
          evidenceJson: JSON.stringify([
            { kind: "fact", text: "NS TTL max(parent 1, child 1) = 1 s" },
            { kind: "fact", text: "+ margin 1 s = minimum overlap 2 s" },
            { kind: "fact", text: "largest record TTL 1 s; minimum window 2 s" },
          ]),
        },
      ],
      t.db,
    );
    const done = new Date("2026-11-02T09:00:00Z");
    await updateRun(
      run.id,
      { status: "done", finishedAt: done, phase: "done", snapshotJson: "{}", timingJson: JSON.stringify(measured) },
      t.db,
    );
    const review = (await loadReviewInput(transferId, t.db))!;
    expect(review.measured).toEqual(measured);
    const page = (await getSchedulePage(SEED_STAFF, { transferId }, { db: t.db }))!;
    // Overlap = max(86400, 7200) + DS 3600 + margin 1800; lead = changing TTL 600 + margin 1800.
    expect(page.plan).toMatchObject({
      requiredOverlapSeconds: 91800,
      minimumWindowSeconds: 91800,
      ttlLoweringLeadSeconds: 2400,
    });
    expect(page.measured).toEqual(measured);
  });

  it("a run that stored no timing gives no timing (never numbers parsed from text)", async () => {
    const transferId = await seedTransfer({ domain: "untimed.test", db: t.db });
    const run = await createRun({ transferId, oldServersJson: "[]", newServersJson: "[]", optionsJson: "{}" }, t.db);
    await updateRun(run.id, { status: "done", finishedAt: new Date(), phase: "done" }, t.db);
    expect((await loadReviewInput(transferId, t.db))!.timing).toBeNull();
    expect((await getSchedulePage(SEED_STAFF, { transferId }, { db: t.db }))!.plan).toBeNull();
  });
});
