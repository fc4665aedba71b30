/**
 * The cockpit's use cases against a real database: the dashboard's rows and filters, archive and unarchive, fact
 * edits with old → new in the log, and a removed source that keeps its report while the stepper asks for a new run.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEntries } from "../../db/audit-entries";
import { createTestDb, testDialects, type TestDb } from "../../db/test-db";
import { getSource } from "../../db/get-source";
import { listSources } from "../../db/list-sources";
import { listTransferRecords } from "../../db/list-transfer-records";
import { seedRun, seedTransfer } from "../testing/seed";
import { importSources } from "../sources/import-sources";
import { removeSource } from "../sources/remove";
import { archiveTransfer } from "./archive";
import { getCockpit } from "./get-cockpit";
import { listTransfers } from "./list";
import { updateFacts } from "./update-facts";

const staff = {
  kind: "staff" as const,
  userId: "u-1",
  name: "Sam Staff",
  email: "sam@registrar.test",
  organisationId: "default-org",
};
const other = { ...staff, userId: "u-2", organisationId: "other-org" };
const FIXTURES = new URL("../../zone/import/__fixtures__/exports/", import.meta.url);
const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, FIXTURES))) });

describe.each(testDialects())("the cockpit on %s", (dialect) => {
  let t: TestDb;
  let a = "";
  let b = "";
  beforeAll(async () => {
    t = await createTestDb(dialect);
    a = await seedTransfer({ domain: "alpha.test", db: t.db });
    b = await seedTransfer({ domain: "bravo.test", db: t.db });
    await seedRun({ transferId: b, withBlocker: true, at: new Date(), db: t.db });
  });
  afterAll(async () => {
    await t.dispose();
  });

  describe("dashboard", () => {
    it("lists stage, verdict with open counts, and filters by search, stage and verdict", async () => {
      const d = await listTransfers(staff, {}, { db: t.db });
      const byDomain = Object.fromEntries(d.rows.map((r) => [r.domainAscii, r]));
      expect(byDomain["alpha.test"]).toMatchObject({ stage: "sources", verdict: null, signoffs: null, window: null });
      expect(byDomain["bravo.test"]).toMatchObject({
        stage: "sources",
        verdict: { decision: "no-go", blockers: 1, warnings: 1, openBlockers: 1, openWarnings: 1 },
      });
      expect((await listTransfers(staff, { q: "ALPHA" }, { db: t.db })).rows.map((r) => r.domainAscii)).toEqual([
        "alpha.test",
      ]);
      expect((await listTransfers(staff, { verdict: "no-go" }, { db: t.db })).rows.map((r) => r.domainAscii)).toEqual([
        "bravo.test",
      ]);
      expect((await listTransfers(staff, { verdict: "none" }, { db: t.db })).rows.map((r) => r.domainAscii)).toEqual([
        "alpha.test",
      ]);
      expect(
        (await listTransfers(staff, { registrar: "Old Registrar GmbH", stage: "final" }, { db: t.db })).rows,
      ).toEqual([]);
      // Unknown filter values are ignored rather than failing the page.
      expect((await listTransfers(staff, { stage: "nonsense", window: ["7d"] }, { db: t.db })).filter).toMatchObject({
        stage: undefined,
        window: "7d",
      });
      expect((await listTransfers(other, {}, { db: t.db })).rows).toEqual([]);
    });

    it("archived transfers are hidden by default, shown on request, logged once per change", async () => {
      expect(await archiveTransfer(staff, { transferId: a, archived: true }, { db: t.db })).toEqual({ changed: true });
      expect(await archiveTransfer(staff, { transferId: a, archived: true }, { db: t.db })).toEqual({ changed: false });
      expect((await listTransfers(staff, {}, { db: t.db })).rows.map((r) => r.domainAscii)).toEqual(["bravo.test"]);
      expect((await listTransfers(staff, { archived: "only" }, { db: t.db })).rows.map((r) => r.domainAscii)).toEqual([
        "alpha.test",
      ]);
      await expect(archiveTransfer(other, { transferId: a, archived: false }, { db: t.db })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await archiveTransfer(staff, { transferId: a, archived: false }, { db: t.db });
      expect((await listTransfers(staff, {}, { db: t.db })).rows).toHaveLength(2);
      expect((await listAuditEntries(a, t.db)).map((e) => e.event.type)).toEqual([
        "transfer.archived",
        "transfer.unarchived",
      ]);
    });
  });

  describe("facts and sources", () => {
    it("a fact edit logs old → new; the same edit again logs nothing", async () => {
      const facts = {
        losingRegistrar: "Old Registrar GmbH",
        gainingRegistrar: "Newer Registrar AG",
        currentDnsOperator: "Old Host DNS",
        futureDnsOperator: "New Host DNS",
        dnsHostingMoves: "no",
      };
      expect(await updateFacts(staff, { transferId: b, facts }, { db: t.db })).toMatchObject({
        changes: [
          { field: "gainingRegistrar", from: "New Registrar Ltd", to: "Newer Registrar AG" },
          { field: "dnsHostingMoves", from: "yes", to: "no" },
        ],
      });
      expect(await updateFacts(staff, { transferId: b, facts }, { db: t.db })).toEqual({ changes: [] });
      await expect(
        updateFacts(staff, { transferId: b, facts: { ...facts, losingRegistrar: " " } }, { db: t.db }),
      ).rejects.toMatchObject({
        code: "INVALID",
        details: { issues: [{ path: "losingRegistrar", message: "Losing registrar is required" }] },
      });
      const updated = (await listAuditEntries(b, t.db)).filter((e) => e.event.type === "transfer.updated");
      expect(updated).toHaveLength(1);
    });

    it("a removed source keeps its row and report, leaves lists and records, and the stepper asks for a new run", async () => {
      const r = await importSources(
        staff,
        {
          transferId: b,
          sources: [
            { label: "registrar export", format: "auto", files: [fixture("registrar-export-incomplete.zone")] },
            { label: "Route 53", format: "route53", files: [fixture("route53-list-resource-record-sets.json")] },
          ],
        },
        { db: t.db },
      );
      const [first, second] = r.results.map((x) => (x.ok ? x.source.id : ""));
      const recordsBefore = (await listTransferRecords(b, t.db)).length;
      await seedRun({ transferId: b, withBlocker: false, at: new Date(), db: t.db });
      expect((await getCockpit(staff, { transferId: b }, { db: t.db })).stepper.steps[1].state).toBe("done");
      await new Promise((res) => setTimeout(res, 5));
      expect(
        await removeSource(
          staff,
          { transferId: b, sourceId: first, reason: "superseded by the Route 53 export", replacedBy: second },
          { db: t.db },
        ),
      ).toEqual({ removed: true });
      expect(
        await removeSource(
          staff,
          { transferId: b, sourceId: first, reason: "superseded by the Route 53 export" },
          { db: t.db },
        ),
      ).toEqual({ removed: false });
      expect((await listSources(b, t.db)).map((s) => s.label)).toEqual(["Route 53"]);
      expect((await listTransferRecords(b, t.db)).length).toBeLessThan(recordsBefore);
      expect((await getSource(b, first, t.db))?.reportJson).toContain("registrar-export-incomplete.zone");
      const cockpit = await getCockpit(staff, { transferId: b }, { db: t.db });
      expect(cockpit.removed).toMatchObject([
        { sourceId: first, label: "registrar export", removedBy: "Sam Staff", replacedById: second },
      ]);
      expect(cockpit.stepper.steps[1]).toMatchObject({
        state: "stale",
        detail: "Sources changed since the last live check: a new run is needed",
      });
      const removed = (await listAuditEntries(b, t.db)).filter((e) => e.event.type === "source.removed");
      expect(removed.map((e) => e.event)).toMatchObject([
        {
          sourceId: first,
          label: "registrar export",
          reason: "superseded by the Route 53 export",
          replacedBy: second,
          actor: { kind: "staff", email: staff.email },
        },
      ]);
      await expect(
        removeSource(staff, { transferId: b, sourceId: second, reason: "x" }, { db: t.db }),
      ).rejects.toMatchObject({ code: "INVALID" });
    });
  });
});
