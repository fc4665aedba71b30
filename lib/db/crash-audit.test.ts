/**
 * Crash safety of the import's audit entry: `source.imported`
 * is written in the import's own transaction, so a process that dies when the
 * entry is written leaves neither the source nor the entry. The crash is
 * simulated deterministically: a trigger makes the audit insert fail, as if
 * the process had died at that statement.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importSources } from "../app/sources/import-sources";
import { listAuditEntries } from "./audit-entries";
import { createTransfer } from "./create-transfer";
import { listSources } from "./list-sources";
import { createTestDb, testDialects, type TestDb } from "./test-db";

const ZONE =
  "$ORIGIN crash.test.\n@ 3600 IN SOA ns1 h 1 7200 3600 1209600 300\n@ 3600 IN NS ns1\nns1 3600 IN A 192.0.2.1\n";

async function breakAuditWrites(t: TestDb): Promise<void> {
  if (t.dialect === "sqlite") {
    await t.db.$executeRawUnsafe(
      `CREATE TRIGGER "crash_audit" BEFORE INSERT ON "AuditEntry" BEGIN SELECT RAISE(ABORT, 'process died writing the audit entry'); END`,
    );
  } else {
    await t.db.$executeRawUnsafe(
      `CREATE FUNCTION crash_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'process died writing the audit entry'; END $$ LANGUAGE plpgsql`,
    );
    await t.db.$executeRawUnsafe(
      `CREATE TRIGGER "crash_audit" BEFORE INSERT ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION crash_audit()`,
    );
  }
}

async function repairAuditWrites(t: TestDb): Promise<void> {
  await t.db.$executeRawUnsafe(
    t.dialect === "sqlite" ? `DROP TRIGGER "crash_audit"` : `DROP TRIGGER "crash_audit" ON "AuditEntry"`,
  );
}

describe.each(testDialects())("the source.imported entry on %s", (dialect) => {
  let t: TestDb;
  let transferId = "";
  const staff = {
    kind: "staff" as const,
    userId: "u-ann",
    name: "Ann Staff",
    email: "ann@registrar-a.test",
    organisationId: "default-org",
  };
  beforeAll(async () => {
    t = await createTestDb(dialect);
    transferId = (
      await createTransfer(
        {
          domainAscii: "crash.test",
          domainUnicode: "crash.test",
          losingRegistrar: "A",
          gainingRegistrar: "B",
          currentDnsOperator: "C",
          futureDnsOperator: "D",
          dnsHostingMoves: false,
        },
        t.db,
      )
    ).id;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("commits with the source: a failure writing the entry leaves no source behind", async () => {
    await breakAuditWrites(t);
    const files = [{ name: "a.zone", bytes: new TextEncoder().encode(ZONE) }];
    let outcome: unknown;
    try {
      outcome = await importSources(
        staff,
        { transferId, sources: [{ label: "export", format: "bind", files }] },
        { db: t.db },
      );
    } catch (e) {
      outcome = e;
    }
    await repairAuditWrites(t);
    // Every stored source has its entry: here neither exists (the upload reports the source as not stored).
    expect(await listSources(transferId, t.db)).toEqual([]);
    expect(await listAuditEntries(transferId, t.db)).toEqual([]);
    expect(outcome).toMatchObject({ results: [{ ok: false, label: "export" }] });
  });

  it("and a healthy import writes one entry per file, naming the uploader", async () => {
    const files = [{ name: "b.zone", bytes: new TextEncoder().encode(ZONE) }];
    const r = await importSources(
      staff,
      { transferId, sources: [{ label: "again", format: "bind", files }] },
      { db: t.db },
    );
    expect(r.results[0]!.ok).toBe(true);
    const sources = await listSources(transferId, t.db);
    expect(sources.map((s) => s.label)).toEqual(["again"]);
    const entries = (await listAuditEntries(transferId, t.db)).map((e) => e.event);
    expect(entries).toMatchObject([
      {
        type: "source.imported",
        sourceId: sources[0]!.id,
        fileName: "b.zone",
        actor: { kind: "staff", userId: "u-ann", email: "ann@registrar-a.test" },
      },
    ]);
  });
});
