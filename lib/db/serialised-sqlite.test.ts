/**
 * A plain write made while another request's transaction is open must not be
 * part of that transaction: on SQLite the adapter shares one connection, so
 * without lib/db/serialised-sqlite.ts the write below was rolled back with it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTransfer } from "./create-transfer";
import { createTestDb, testDialects, type TestDb } from "./test-db";

const input = (domain: string) => ({
  domainAscii: domain,
  domainUnicode: domain,
  losingRegistrar: "A",
  gainingRegistrar: "B",
  currentDnsOperator: "C",
  futureDnsOperator: "D",
  dnsHostingMoves: false,
});

describe.each(testDialects())("transaction isolation on %s", (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(dialect);
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
  }, 30_000);

  it("a concurrent plain write survives another transaction's rollback", async () => {
    let inside!: () => void;
    const opened = new Promise<void>((r) => (inside = r));
    let letGo!: () => void;
    const hold = new Promise<void>((r) => (letGo = r));
    const failing = t.db.$transaction(async (tx) => {
      await tx.transfer.create({ data: input("rolled-back.test") });
      inside();
      await hold;
      throw new Error("abort");
    });
    await opened;
    // Issued while the transaction is open; on SQLite it waits for it to end.
    const plain = createTransfer(input("kept.test"), t.db);
    setTimeout(letGo, 50);
    await expect(failing).rejects.toThrow("abort");
    await plain;
    const domains = (await t.db.transfer.findMany({ select: { domainAscii: true } })).map((r) => r.domainAscii).sort();
    expect(domains).toEqual(["kept.test"]);
  });
});
