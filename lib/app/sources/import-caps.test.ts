/**
 * Record caps per upload and per transfer, with $GENERATE counted before it
 * is expanded. The probe's input: three 541-byte files, each
 * 13 × `$GENERATE 0-65535`, became 2.56 M records.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MaintainerActor, StaffActor } from "../../auth/actor";
import { createTestDb, type TestDb } from "../../db/test-db";
import { DIAGNOSTIC_CODES } from "../../zone/diagnostics";
import { importZone } from "../../zone/import";
import { parseZone } from "../../zone/parse";
import { createTransfer } from "../transfers/create-transfer";
import { seedStaff } from "../testing/staff";

import { importSources } from "./import-sources";

const BOMB = new Uint8Array(readFileSync(new URL("./__fixtures__/generate-bomb.zone", import.meta.url)));
const bomb = (name: string) => ({ name, bytes: BOMB });
const text = (name: string, body: string) => ({ name, bytes: new TextEncoder().encode(body) });
const SMALL = "$ORIGIN bomb.test.\n$TTL 300\n@ SOA ns1 h 1 2 3 4 300\n@ NS ns1\nns1 A 192.0.2.1\n";

let t: TestDb;
let staff: StaffActor;
/** A transfer of a new organisation, `staff` being its staff member. */
async function newTransfer(): Promise<string> {
  staff = await seedStaff({ email: "caps-" + crypto.randomUUID() + "@example.net", db: t.db });
  const created = await createTransfer(
    staff,
    {
      domain: "bomb.test",
      losingRegistrar: "a",
      gainingRegistrar: "b",
      currentDnsOperator: "c",
      futureDnsOperator: "d",
      dnsHostingMoves: "no",
    },
    { db: t.db },
  );
  return created.id;
}
const storedRows = (transferId: string) => t.db.sourceRecord.count({ where: { source: { transferId } } });

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.dispose();
});

describe("$GENERATE against the record limit", () => {
  it("is refused at the directive that would pass the limit, before any of its records is expanded", () => {
    expect(BOMB.byteLength).toBe(541);
    const r = parseZone(new TextDecoder("latin1").decode(BOMB), { file: "bomb.zone", limits: { maxRecords: 100_000 } });
    // 3 ordinary records + the first $GENERATE; the second would bring 131,075 > 100,000.
    expect(r.records.length).toBe(3 + 65_536);
    const d = r.diagnostics.filter((x) => x.code === DIAGNOSTIC_CODES.LIMIT_RECORDS);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ file: "bomb.zone", line: 8, column: 11 });
    expect(d[0].message).toContain("above the limit of 100000");
    expect(r.truncated).toBe(true);
  });

  it("the limit holds for a whole multi-file source, not per file", () => {
    const r = importZone([bomb("a.zone"), bomb("b.zone")], { format: "bind", limits: { maxRecords: 70_000 } });
    expect(r.records.length).toBeLessThanOrEqual(70_000);
    expect(r.diagnostics.filter((x) => x.code === DIAGNOSTIC_CODES.LIMIT_RECORDS).map((x) => x.file)).toEqual([
      "a.zone",
      "b.zone",
    ]);
  });
});

describe("caps per upload and per transfer", () => {
  it("the probe's three files in one upload by an invite holder: every source over the cap is refused, nothing stored", async () => {
    const transferId = await newTransfer();
    const invite: MaintainerActor = { kind: "maintainer", inviteId: "inv-1", transferId, label: "maintainer" };
    const env = { CUTOVER_MAX_RECORDS_PER_UPLOAD: "100000", CUTOVER_MAX_RECORDS_PER_TRANSFER: "200000" };
    const r = await importSources(
      invite,
      {
        transferId,
        sources: ["one", "two", "three"].map((l) => ({
          label: l,
          format: "auto" as const,
          files: [bomb(`${l}.zone`)],
        })),
      },
      { db: t.db, env },
    );
    expect(r.results.map((x) => (x.ok ? "stored" : x.tooLarge ? "too large" : x.error))).toEqual([
      "too large",
      "too large",
      "too large",
    ]);
    expect(r.results[0]).toMatchObject({ error: expect.stringContaining("the limit per upload is 100000") });
    expect(await storedRows(transferId)).toBe(0);
  });

  it("sources of one upload share the upload's cap; later sources get what the earlier ones left", async () => {
    const transferId = await newTransfer();
    const env = {
      CUTOVER_MAX_RECORDS_PER_IMPORT: "1000000",
      CUTOVER_MAX_RECORDS_PER_UPLOAD: "5",
      CUTOVER_MAX_RECORDS_PER_TRANSFER: "1000",
    };
    const r = await importSources(
      staff,
      {
        transferId,
        sources: [
          { label: "first", format: "auto", files: [text("a.zone", SMALL)] },
          { label: "second", format: "auto", files: [text("b.zone", SMALL)] },
        ],
      },
      { db: t.db, env },
    );
    expect(r.results.map((x) => x.ok)).toEqual([true, false]);
    expect(r.results[1]).toMatchObject({
      tooLarge: true,
      error: expect.stringContaining("the limit per upload is 5 and this upload's earlier sources hold 3"),
    });
    expect(await storedRows(transferId)).toBe(3);
  });

  it("the transfer's cap counts the sources already stored; a full transfer refuses without reading", async () => {
    const transferId = await newTransfer();
    const env = {
      CUTOVER_MAX_RECORDS_PER_IMPORT: "1000000",
      CUTOVER_MAX_RECORDS_PER_UPLOAD: "1000000",
      CUTOVER_MAX_RECORDS_PER_TRANSFER: "6",
    };
    const upload = (label: string) =>
      importSources(
        staff,
        { transferId, sources: [{ label, format: "auto", files: [text(`${label}.zone`, SMALL)] }] },
        { db: t.db, env },
      );
    const first = await upload("first");
    const second = await upload("second");
    const third = await upload("third");
    expect([first, second, third].map((r) => r.results[0]!.ok)).toEqual([true, true, false]);
    expect(third.results[0]).toMatchObject({
      error: expect.stringContaining("the limit per transfer is 6 and its sources already hold 6"),
    });
    expect(await storedRows(transferId)).toBe(6);
  });
});

describe("imports do not starve other requests", () => {
  const job = {
    files: [text("g.zone", `${SMALL}$GENERATE 0-19999 g$ A 192.0.2.7\n`)],
    format: "auto" as const,
    maxRecords: 1_000_000,
  };

  it("the parse and the row text run on a worker thread; the rows come back whole and in order", async () => {
    const { runImportJob } = await import("./import-job");
    const { threadId } = await import("node:worker_threads");
    const r = await runImportJob(job);
    expect(r.threadId).not.toBe(threadId);
    expect(r.recordCount).toBe(20_003);
    expect(r.rows).toHaveLength(20_003);
    expect(r.rows.at(-1)).toMatchObject({ ownerText: "g19999.bomb.test.", rdataText: "192.0.2.7" });
  });

  it("without the worker, the rows are built in slices with a turn of the event loop between them", async () => {
    const { runImportJob, ROW_CHUNK } = await import("./import-job");
    process.env.CUTOVER_IMPORT_IN_PROCESS = "1";
    let turns = 0;
    let running = true;
    const spin = () => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    try {
      const r = await runImportJob(job);
      expect(r.rows).toHaveLength(20_003);
      expect(turns).toBeGreaterThanOrEqual(Math.floor(20_003 / ROW_CHUNK));
    } finally {
      running = false;
      delete process.env.CUTOVER_IMPORT_IN_PROCESS;
    }
  });
});
