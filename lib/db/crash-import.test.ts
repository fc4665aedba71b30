/**
 * Robustness: a process killed in the middle of an import leaves
 * no half-written source, and the database works afterwards. The import runs
 * in a child process that is SIGKILLed while its transaction is open (seen
 * from outside: SQLite's rollback journal exists / PostgreSQL shows the
 * session inside a transaction).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSource } from "./create-source";
import { createTransfer } from "./create-transfer";
import { listSources } from "./list-sources";
import { listTransferRecords } from "./list-transfer-records";
import { createTestDb, testDialects, type TestDb } from "./test-db";
import { sqliteFilePath } from "./url";

const RECORDS = 400_000;

async function inTransaction(t: TestDb): Promise<boolean> {
  if (t.dialect === "sqlite") {
    const file = sqliteFilePath(t.url)!;
    return existsSync(`${file}-journal`) || existsSync(`${file}-wal`);
  }
  const c = new pg.Client({ connectionString: t.url });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>(
      "SELECT count(*) n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND query ILIKE '%SourceRecord%'",
    );
    return Number(r.rows[0]!.n) > 0;
  } finally {
    await c.end();
  }
}

describe.each(testDialects())("an import killed mid-transaction on %s", (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(dialect);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("leaves no source, no records, and the next import works", async () => {
    const transfer = await createTransfer(
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
    );
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--import",
        "./lib/node/server-only.mjs",
        "lib/db/crash-import.child.ts",
        t.url,
        transfer.id,
        String(RECORDS),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on("exit", (_code, signal) => res(signal)));
    // Wait until the import's transaction is open and writing records, then kill without warning.
    let open = false;
    for (let i = 0; i < 1200 && !open && !out.includes("done"); i++) {
      await new Promise((r) => setTimeout(r, 50));
      if (out.includes("importing")) open = await inTransaction(t);
    }
    expect(open).toBe(true);
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(out).not.toContain("done");

    // "Restart": the test's own client, as a fresh process would see the database.
    expect(await listSources(transfer.id, t.db)).toEqual([]);
    expect(await listTransferRecords(transfer.id, t.db)).toEqual([]);
    expect(await t.db.sourceRecord.count()).toBe(0);
    const again = await createSource(
      {
        transferId: transfer.id,
        label: "retry",
        format: "bind",
        importerVersion: "1",
        origin: null,
        ok: true,
        providerCount: 0,
        diagnosticCount: 0,
        reportJson: "{}",
        files: [],
        records: [
          {
            ownerText: "a.crash.test.",
            ownerKey: "a.crash.test.",
            ttl: 60,
            class: 1,
            type: 1,
            rdataHex: "c0000201",
            rdataText: "192.0.2.1",
            file: "z",
            line: 1,
          },
        ],
      },
      t.db,
    );
    expect((await listSources(transfer.id, t.db)).map((s) => [s.id, s.label, s.recordCount])).toEqual([
      [again.id, "retry", 1],
    ]);
  }, 120_000);
});
