import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../db/test-db";
import type { TestDb } from "../../db/test-db";
import { createTransfer } from "../transfers/create-transfer";
import { seedStaff } from "../testing/staff";

import { getRecordsTable } from "./get-records-table";
import { getSourceReport } from "./get-source-report";
import { importSource } from "./import-source";

const FIXTURES = new URL("../../zone/import/__fixtures__/exports/", import.meta.url);
const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, FIXTURES))) });

let t: TestDb;
let transferId: string;
beforeAll(async () => {
  t = await createTestDb();
  const created = await createTransfer(await seedStaff({ email: "import-" + crypto.randomUUID() + "@example.net", db: t.db }), 
    {
      domain: "project.test",
      losingRegistrar: "Old Registrar",
      gainingRegistrar: "New Registrar",
      currentDnsOperator: "Old DNS",
      futureDnsOperator: "Route 53",
      dnsHostingMoves: "yes",
    },
    t.db,
  );
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  transferId = created.transfer.id;
});
afterAll(async () => {
  await t.dispose();
});

describe("createTransfer (lib/app/transfers)", () => {
  it("returns field errors instead of storing an unanswered DNS question", async () => {
    const r = await createTransfer(await seedStaff({ email: "import-" + crypto.randomUUID() + "@example.net", db: t.db }), { domain: "project.test", losingRegistrar: "a", gainingRegistrar: "b", currentDnsOperator: "c", futureDnsOperator: "d" }, t.db);
    expect(r).toEqual({ ok: false, errors: { dnsHostingMoves: "Answer whether DNS hosting moves to the gaining side" } });
  });
});

describe("importSource", () => {
  it("imports a master file, hashes it and stores its records", async () => {
    const file = fixture("registrar-export-incomplete.zone");
    const r = await importSource({ transferId, input: { label: "registrar export", format: "auto" }, files: [file], db: t.db });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.source).toMatchObject({ label: "registrar export", format: "bind", ok: true, recordCount: 7 });
    expect(r.source.files).toEqual([
      { name: "registrar-export-incomplete.zone", bytes: file.bytes.byteLength, sha256: createHash("sha256").update(file.bytes).digest("hex") },
    ]);
    const stored = await getSourceReport(transferId, r.source.id, t.db);
    expect(stored?.report.counts.A).toEqual({ read: 2, represented: 2, providerOnly: 0, rejected: 0 });
  });

  it("imports Route 53 JSON with its alias records as provider records", async () => {
    const r = await importSource({ transferId, input: { label: "Route 53" }, files: [fixture("route53-list-resource-record-sets.json")], db: t.db });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.source.format).toBe("route53");
    const aliases = r.report.providerRecords.filter((p) => p.kind === "alias").map((p) => p.owner).sort();
    expect(aliases).toEqual(["project.test.", "release.project.test."]);
  });

  it("merges both sources in the records table", async () => {
    const table = await getRecordsTable(transferId, t.db);
    expect(table?.sources.map((s) => s.label)).toEqual(["registrar export", "Route 53"]);
    expect(table?.rows).toContainEqual(["mail.project.test.", "A", "3600", "192.0.2.25", [0], -1]);
    const release = table?.rows.filter((r) => r[0] === "release.project.test.");
    expect(release?.map((r) => [r[1], r[3], table?.providers[r[5]]?.label])).toEqual([["A", "dualstack.release-lb-1234567890.us-east-1.elb.amazonaws.com.", "Route 53 alias"]]);
    expect(table?.providers[release![0][5]].reason).toContain("Elastic Load Balancer");
    expect(await getRecordsTable("missing", t.db)).toBeNull();
  });

  it("rejects a file over the limit with 413 and a clear message", async () => {
    const r = await importSource({ transferId, input: { label: "big" }, files: [{ name: "big.zone", bytes: new Uint8Array(2048) }], maxBytes: 1024, db: t.db });
    expect(r).toEqual({ ok: false, status: 413, errors: { files: "big.zone is 2.0 KiB; the limit is 1.0 KiB per file." } });
  });

  it("requires a label, a known format and at least one file", async () => {
    const f = [fixture("registrar-export-incomplete.zone")];
    expect(await importSource({ transferId, input: { label: " " }, files: f, db: t.db })).toMatchObject({ ok: false, status: 422, errors: { label: "Label is required" } });
    expect(await importSource({ transferId, input: { label: "x", format: "zip" }, files: f, db: t.db })).toMatchObject({ ok: false, status: 422, errors: { format: expect.stringContaining("Format must be one of") } });
    expect(await importSource({ transferId, input: { label: "x" }, files: [], db: t.db })).toMatchObject({ ok: false, status: 422, errors: { files: "Choose at least one file to import" } });
  });

  it("answers 404 for an unknown transfer", async () => {
    const r = await importSource({ transferId: "nope", input: { label: "x" }, files: [fixture("registrar-export-incomplete.zone")], db: t.db });
    expect(r).toEqual({ ok: false, status: 404, errors: { transfer: "Transfer not found" } });
  });
});
