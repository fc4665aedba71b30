/**
 * Concurrent decisions on one finding: whoever commits
 * first decides; the same decision again is a no-op; anyone else's is
 * refused as already decided, never a silent overwrite — on each dialect.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "../../audit/chain";
import { listAuditEntries } from "../../db/audit-entries";
import { createTestDb, testDialects, type TestDb } from "../../db/test-db";
import { BLOCKER_KEY, seedRun, seedTransfer } from "../testing/seed";
import { decideFindings } from "./decide-findings";

const staff = (n: number) => ({
  kind: "staff" as const,
  userId: `u-${n}`,
  name: `Staff ${n}`,
  email: `s${n}@registrar-a.test`,
  organisationId: "default-org",
});

describe.each(testDialects())("concurrent decisions on %s", (dialect) => {
  let t: TestDb;
  let transferId = "";
  let runId = "";
  beforeAll(async () => {
    t = await createTestDb(dialect);
    transferId = await seedTransfer({ domain: "project.test", db: t.db });
    runId = await seedRun({ transferId, withBlocker: true, at: new Date(), db: t.db });
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("twelve submits from four accounts at once: one decision, one audit entry, the rest refused or no-ops", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        decideFindings(
          staff(n % 4),
          { transferId, runId, input: { action: "waive", key: BLOCKER_KEY, reason: "accepted risk" } },
          { db: t.db },
        ).then(
          (r) => ({ ok: true as const, ...r }),
          (e: { code: string; details: { reason?: string } }) => ({
            ok: false as const,
            code: e.code,
            reason: e.details.reason,
          }),
        ),
      ),
    );
    const changed = results.filter((r) => r.ok && r.changed.length === 1);
    expect(changed).toHaveLength(1);
    const row = await t.db.findingState.findUniqueOrThrow({
      where: { transferId_key: { transferId, key: BLOCKER_KEY } },
    });
    const winner = Number(row.byUserId!.slice(2));
    results.forEach((r, n) => {
      if (n % 4 === winner) expect(r).toMatchObject({ ok: true });
      else expect(r).toMatchObject({ ok: false, code: "CONFLICT", reason: "already-decided" });
    });
    const entries = await listAuditEntries(transferId, t.db);
    expect(entries.filter((e) => e.event.type === "finding.waived")).toHaveLength(1);
    expect(verifyChain(entries).valid).toBe(true);
  });
});
