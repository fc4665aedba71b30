import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../db/test-db";
import { loadTransferFacts } from "../runs/transfer-facts";
import { loadOperationsPlan, saveOperationsPlan } from "./operations-plan";
import { SEED_STAFF } from "../testing/staff";
import { seedTransfer } from "../testing/seed";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.dispose();
});

describe("the operations plan", () => {
  it("is validated with the facts schema, stored, and becomes the run's facts", async () => {
    const id = await seedTransfer({ domain: "ops.test", db: t.db });
    expect(await loadOperationsPlan(id, t.db)).toEqual({});
    const save = (transferId: string, input: unknown) =>
      saveOperationsPlan(SEED_STAFF, { transferId, input }, { db: t.db });
    await expect(
      save(id, { monitoringPlan: "x", rollbackSteps: "restore NS", oldZoneKeptUntil: "soon", dnssecPlan: "hope" }),
    ).rejects.toMatchObject({ code: "INVALID" });
    await expect(save(id, { rollbackSteps: "restore NS at the registrar" })).rejects.toMatchObject({
      code: "INVALID",
      details: {
        issues: [{ path: "rollbackAssumedHours", message: "a rollback needs its steps and the time it assumes" }],
      },
    });
    await expect(save(id, { monitoringPlan: "x" })).rejects.toMatchObject({
      code: "INVALID",
      details: { issues: [{ path: "monitoring.plan" }] },
    });
    const ok = await save(id, {
      monitoringPlan: "dig from three networks",
      monitoringBy: "Nia",
      rollbackSteps: "restore NS at the registrar",
      rollbackAssumedHours: "49",
      oldZoneKeptUntil: "2026-12-31T00:00:00Z",
      dnssecPlan: "remove-ds",
    });
    const plan = {
      monitoring: { plan: "dig from three networks", by: "Nia" },
      rollback: { steps: "restore NS at the registrar", assumedSeconds: 176400 },
      oldZoneKeptUntil: "2026-12-31T00:00:00Z",
      dnssecPlan: "remove-ds",
    };
    expect(ok).toEqual(plan);
    expect(await loadOperationsPlan(id, t.db)).toEqual({ ...plan, oldZoneKeptUntil: "2026-12-31T00:00:00.000Z" });
    const facts = (await loadTransferFacts(id, t.db))!;
    expect(facts).toMatchObject({
      domain: "ops.test",
      dnsHostingMoves: true,
      window: null,
      contacts: [],
      contactsConfirmed: false,
      dnssecPlan: "remove-ds",
      rollback: plan.rollback,
      monitoring: plan.monitoring,
    });
    expect(facts.partiesWithoutContact).toEqual([
      "Losing registrar",
      "Gaining registrar",
      "Old DNS operator",
      "New DNS operator",
      "Domain owner",
    ]);
    await expect(save("missing", {})).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
