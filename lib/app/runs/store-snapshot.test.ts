/**
 * A run's evidence is written while the run goes on: the old snapshot's rows
 * while the new snapshot's queries are in flight. The SQLite driver runs each
 * INSERT synchronously, so a chain of batches that never returns to the event
 * loop keeps the sockets and timers of the snapshot still running waiting for
 * the whole write (seen in the browser as a 3–5 s stall of a 5,000-name run).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTransfer } from "../../db/create-transfer";
import { EVIDENCE_BATCH, getRunAnswers } from "../../db/run-evidence";
import { createRun } from "../../db/runs";
import { createTestDb, type TestDb } from "../../db/test-db";
import type { DiffRow } from "./diff-rows";
import { storeDiffRows } from "./store-diff-rows";
import { storeSnapshot } from "./store-snapshot";
import { seededAnswer, seededSnapshot } from "./testing/seed-large-run";

/** Event-loop turns (setImmediate callbacks, which run after the poll phase) while `work` runs. */
async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let on = true;
  const tick = () => {
    turns++;
    if (on) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    await work();
  } finally {
    on = false;
  }
  return turns;
}

describe("writing a run's evidence", () => {
  let t: TestDb;
  let runId: string;
  const N = 4 * EVIDENCE_BATCH + 7;
  beforeAll(async () => {
    t = await createTestDb("sqlite");
    const tr = await createTransfer(
      {
        domainAscii: "yield.test",
        domainUnicode: "yield.test",
        losingRegistrar: "A",
        gainingRegistrar: "B",
        currentDnsOperator: "C",
        futureDnsOperator: "D",
        dnsHostingMoves: true,
      },
      t.db,
    );
    runId = (
      await createRun({ transferId: tr.id, oldServersJson: "[]", newServersJson: "[]", optionsJson: "{}" }, t.db)
    ).id;
  }, 60_000);
  afterAll(async () => {
    await t.dispose();
  });

  it("returns to the event loop after every batch of answers, and stores them all", async () => {
    const answers = Array.from({ length: N }, (_, i) => seededAnswer("yield.test.", i));
    const turns = await turnsDuring(() =>
      storeSnapshot(runId, "old", seededSnapshot("yield.test.", answers, null), t.db),
    );
    expect(turns).toBeGreaterThanOrEqual(Math.floor(N / EVIDENCE_BATCH));
    expect(await getRunAnswers(runId, "old", [0, N - 1], t.db)).toHaveLength(2);
  });

  it("returns to the event loop after every batch of diff rows", async () => {
    const rows: DiffRow[] = Array.from({ length: N }, (_, i) => ({
      comparison: "new operator",
      kind: "missing",
      owner: `host${i}.yield.test.`,
      type: "A",
      hereLabel: "ns1.oldhost.test. 192.0.2.1:53",
      thereLabel: "new operator",
      here: ["192.0.2.1"],
      there: [],
      hereTtl: 3600,
      thereTtl: null,
      explained: null,
    }));
    const turns = await turnsDuring(() => storeDiffRows(runId, rows, t.db));
    expect(turns).toBeGreaterThanOrEqual(Math.floor(N / EVIDENCE_BATCH));
  });
});
