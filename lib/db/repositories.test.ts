import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import Database from "better-sqlite3";
import { createTestDb } from "./test-db";
import type { TestDb } from "./test-db";
import { createTransfer } from "./create-transfer";
import { getTransfer } from "./get-transfer";
import { listTransfers } from "./list-transfers";
import { createSource } from "./create-source";
import { listSources } from "./list-sources";
import { getSource } from "./get-source";
import { listTransferRecords } from "./list-transfer-records";
import { migrate } from "./migrate";
import { sqliteFilePath } from "./url";
import type { SourceRecordRow } from "./rows";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.dispose();
});

const transferData = {
  domainAscii: "xn--bcher-kva.test",
  domainUnicode: "bücher.test",
  losingRegistrar: "Old Registrar",
  gainingRegistrar: "New Registrar",
  currentDnsOperator: "Old DNS",
  futureDnsOperator: "New DNS",
  dnsHostingMoves: false,
};

function record(i: number): SourceRecordRow {
  return {
    ownerText: `h${i}.bücher.test.`,
    ownerKey: `h${i}.bücher.test.`,
    ttl: 300,
    class: 1,
    type: 1,
    rdataHex: "c0000201",
    rdataText: "192.0.2.1",
    file: "zone.txt",
    line: i + 1,
  };
}

describe("migrate", () => {
  it("keeps Prisma's _prisma_migrations table and is idempotent", async () => {
    expect(await migrate({ url: t.url })).toEqual([]);
    const sqlite = new Database(sqliteFilePath(t.url)!, { readonly: true });
    const rows = sqlite.prepare("SELECT migration_name, finished_at IS NOT NULL AS done FROM _prisma_migrations").all();
    sqlite.close();
    // Every committed migration, in order, finished (other features add their own after _init).
    const committed = readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(committed[0]).toMatch(/^\d{14}_init$/);
    expect(rows).toEqual(committed.map((name) => ({ migration_name: name, done: 1 })));
  });
});

describe("transfers", () => {
  it("creates, reads and lists a transfer with both domain forms", async () => {
    const created = await createTransfer(transferData, t.db);
    expect(created.id).toMatch(/^c[a-z0-9]{20,}$/);
    const read = await getTransfer(created.id, t.db);
    expect(read).toMatchObject(transferData);
    const list = await listTransfers(t.db);
    expect(list.find((x) => x.id === created.id)).toMatchObject({ domainUnicode: "bücher.test", sourceCount: 0 });
  });
  it("returns null for an unknown id", async () => {
    expect(await getTransfer("nope", t.db)).toBeNull();
  });
});

describe("sources", () => {
  it("stores files, report and records in one transaction", async () => {
    const transfer = await createTransfer(transferData, t.db);
    const source = await createSource(
      {
        transferId: transfer.id,
        label: "registrar export",
        format: "bind",
        importerVersion: "1",
        origin: "bücher.test.",
        ok: true,
        providerCount: 0,
        diagnosticCount: 1,
        reportJson: '{"ok":true}',
        files: [{ name: "a.zone", sha256: "ab".repeat(32), bytes: 123 }],
        records: [record(0), record(1)],
      },
      t.db,
    );
    expect(source).toMatchObject({ label: "registrar export", recordCount: 2, files: [{ name: "a.zone", bytes: 123 }] });
    expect(source).not.toHaveProperty("reportJson");
    expect((await listSources(transfer.id, t.db)).map((s) => s.id)).toEqual([source.id]);
    expect((await getSource(transfer.id, source.id, t.db))?.reportJson).toBe('{"ok":true}');
    // A source id under another transfer is not found: URLs carry both ids.
    expect(await getSource("other", source.id, t.db)).toBeNull();
    const records = await listTransferRecords(transfer.id, t.db);
    expect(records).toEqual([
      { ...record(0), sourceId: source.id },
      { ...record(1), sourceId: source.id },
    ]);
    expect((await listTransfers(t.db)).find((x) => x.id === transfer.id)?.sourceCount).toBe(1);
  });

  it("inserts 100k records in a few seconds", async () => {
    const transfer = await createTransfer(transferData, t.db);
    const records = Array.from({ length: 100_000 }, (_, i) => record(i));
    const source = await createSource(
      {
        transferId: transfer.id,
        label: "big",
        format: "bind",
        importerVersion: "1",
        origin: null,
        ok: true,
        providerCount: 0,
        diagnosticCount: 0,
        reportJson: "{}",
        files: [{ name: "big.zone", sha256: "00".repeat(32), bytes: 1 }],
        records,
      },
      t.db,
    );
    // Speed is measured by benchmarks, never asserted here (timed assertions flake on shared machines).
    expect(source.recordCount).toBe(100_000);
    const back = await listTransferRecords(transfer.id, t.db);
    expect(back.length).toBe(100_000);
    expect(back[99_999]).toMatchObject({ ownerText: "h99999.bücher.test.", line: 100_000 });
  }, 120_000);
});
