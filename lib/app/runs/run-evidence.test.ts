import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffActor } from "../../auth/actor";
import { createTransfer } from "../../db/create-transfer";
import { getRunAnswers, listRunSnapshots, streamRunAnswers } from "../../db/run-evidence";
import { createTestDb, testDialects, type TestDb } from "../../db/test-db";
import { evidenceOfRaw } from "../../dns/live-answer";
import { getRunView } from "./get-run-view";
import { getDiffPage } from "./get-diff-page";
import { getFindingsPage } from "./get-findings-page";
import { storedAnswer } from "./stored-answer";
import { storeSnapshot } from "./store-snapshot";
import { seededAnswer, seededSnapshot, seedLargeRun } from "./testing/seed-large-run";

const staff: StaffActor = {
  kind: "staff",
  userId: "u-1",
  name: "Ann",
  email: "ann@registrar-a.test",
  organisationId: "default-org",
};
const stranger: StaffActor = { ...staff, userId: "u-2", organisationId: "other-org" };

describe.each(testDialects())("a run's evidence as rows on %s", (dialect) => {
  let t: TestDb;
  let transferId: string;
  let runId: string;
  const N = 1_234;
  beforeAll(async () => {
    t = await createTestDb(dialect);
    const tr = await createTransfer(
      {
        domainAscii: "rows.test",
        domainUnicode: "rows.test",
        losingRegistrar: "A",
        gainingRegistrar: "B",
        currentDnsOperator: "C",
        futureDnsOperator: "D",
        dnsHostingMoves: true,
      },
      t.db,
    );
    transferId = tr.id;
    runId = await seedLargeRun({ transferId, zone: "rows.test", names: N, blockers: 250, warnings: 3, db: t.db });
  }, 120_000);
  afterAll(async () => {
    await t.dispose();
  });

  it("stores every answer as its message and reads it back as the server sent it", async () => {
    const [row] = await getRunAnswers(runId, "old", [1000], t.db);
    const a = storedAnswer(row);
    expect(a.question).toEqual({ name: "host1000.rows.test.", type: "A", class: 1 });
    expect(a.records).toEqual([
      {
        section: "answer",
        owner: "host1000.rows.test.",
        ttl: 3600,
        class: 1,
        type: "A",
        rdata: "0a0003e8",
        text: "10.0.3.232",
      },
    ]);
    expect(a.flags?.aa).toBe(true);
    expect(evidenceOfRaw(row.wire!, "x")).toHaveLength(1);
    // Every answer, in order, a batch at a time.
    let n = 0;
    let last = -1;
    for await (const r of streamRunAnswers(runId, "old", t.db, 100)) {
      expect(r.seq).toBe(last + 1);
      last = r.seq;
      n++;
    }
    expect(n).toBe(N);
  });

  it("a second write of the same snapshot replaces the first, with the same digest", async () => {
    const answers = [seededAnswer("again.test.", 0), seededAnswer("again.test.", 1)];
    const other = (
      await createTransfer(
        {
          domainAscii: "again.test",
          domainUnicode: "again.test",
          losingRegistrar: "A",
          gainingRegistrar: "B",
          currentDnsOperator: "C",
          futureDnsOperator: "D",
          dnsHostingMoves: true,
        },
        t.db,
      )
    ).id;
    const again = await seedLargeRun({
      transferId: other,
      zone: "again.test",
      names: 2,
      blockers: 0,
      warnings: 0,
      db: t.db,
    });
    const before = (await listRunSnapshots(again, t.db))[0];
    const d = await storeSnapshot(again, "old", seededSnapshot("again.test.", answers, null), t.db);
    expect(d.answersSha256).toBe(before.answersSha256);
    expect(await getRunAnswers(again, "old", [0, 1, 2], t.db)).toHaveLength(2);
  });

  it("the run page gets the first page of each severity, every open key, and dig text for the answers it cites", async () => {
    const v = (await getRunView(staff, { transferId, runId }, { db: t.db }))!;
    expect(v.counts).toMatchObject({ blocker: 250, warning: 3, info: 1, open: 253 });
    expect(v.verdict).toBe("no-go");
    expect(v.findings.filter((f) => f.severity === "blocker")).toHaveLength(100);
    expect(v.openKeys.blocker).toHaveLength(250);
    expect(v.findings[0].evidence[0].dig).toContain("host0.rows.test.\t3600\tIN\tA\t10.0.0.0");
    expect(v.diffTotal).toBe(N);
    expect(v.diff).toHaveLength(300);
    expect(v.diffComparisons).toEqual(["new operator", "source registrar export"]);
    expect(v.plans).toEqual([expect.objectContaining({ side: "old", incomplete: null })]);
  });

  it("findings by page: the next blockers in catalogue order with their answers decoded", async () => {
    const p = await getFindingsPage(
      staff,
      { transferId, runId, severity: "blocker", offset: "200", limit: "100" },
      { db: t.db },
    );
    expect(p.total).toBe(250);
    expect(p.findings.map((f) => f.subject)).toEqual(
      Array.from({ length: 50 }, (_, i) => `host${200 + i}.rows.test. A`),
    );
    expect(p.findings[49].evidence[0].dig).toContain(";; ANSWER SECTION:\nhost249.rows.test.");
    await expect(
      getFindingsPage(stranger, { transferId, runId, severity: "blocker" }, { db: t.db }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getFindingsPage(staff, { transferId, runId, severity: "fatal" }, { db: t.db })).rejects.toMatchObject({
      code: "INVALID",
    });
  });

  it("the diff by page, filtered in the database", async () => {
    const all = await getDiffPage(staff, { transferId, runId, offset: 1200, limit: 100 }, { db: t.db });
    expect(all.matching).toBe(N);
    expect(all.rows.map((r) => r.owner)).toEqual(Array.from({ length: 34 }, (_, i) => `host${1200 + i}.rows.test.`));
    const different = await getDiffPage(staff, { transferId, runId, only: "different", limit: 500 }, { db: t.db });
    expect(different.matching).toBe(Math.ceil(N / 10));
    expect(different.rows.every((r) => r.kind === "rdata" && r.comparison === "new operator")).toBe(true);
    // Name contains (case-insensitive), type, comparison, expected differences hidden.
    const named = await getDiffPage(
      staff,
      { transferId, runId, name: "HOST12", type: "A", comparison: "source registrar export", hideExplained: "true" },
      { db: t.db },
    );
    const expected = Array.from({ length: N }, (_, i) => i).filter(
      (i) => String(i).startsWith("12") && i % 3 !== 0 && i % 10 !== 0 && i % 7 !== 0,
    );
    expect(named.rows.map((r) => r.owner)).toEqual(expected.map((i) => `host${i}.rows.test.`));
    expect(named.matching).toBe(expected.length);
    expect(named.types).toEqual(["A", "AAAA"]);
    await expect(getDiffPage(staff, { transferId, runId, limit: 5000 }, { db: t.db })).rejects.toMatchObject({
      code: "INVALID",
    });
    await expect(getDiffPage(stranger, { transferId, runId }, { db: t.db })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
