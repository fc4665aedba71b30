import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../db/test-db";
import type { TestDb } from "../../db/test-db";
import { createTransfer } from "../transfers/create-transfer";
import { seedStaff } from "../testing/staff";

import { getRecordsTable } from "./get-records-table";
import { getSourceReport } from "./get-source-report";
import { seedSource } from "../testing/seed";
import type { StaffActor } from "../../auth/actor";

const FIXTURES = new URL("../../zone/import/__fixtures__/exports/", import.meta.url);
const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, FIXTURES))) });

let t: TestDb;
let transferId: string;
let staff: StaffActor;
beforeAll(async () => {
  t = await createTestDb();
  staff = await seedStaff({ email: "import-" + crypto.randomUUID() + "@example.net", db: t.db });
  const created = await createTransfer(
    staff,
    {
      domain: "project.test",
      losingRegistrar: "Old Registrar",
      gainingRegistrar: "New Registrar",
      currentDnsOperator: "Old DNS",
      futureDnsOperator: "Route 53",
      dnsHostingMoves: "yes",
    },
    { db: t.db },
  );
  transferId = created.id;
});
afterAll(async () => {
  await t.dispose();
});

describe("createTransfer (lib/app/transfers)", () => {
  it("refuses with field errors instead of storing an unanswered DNS question", async () => {
    const r = createTransfer(
      await seedStaff({ email: "import-" + crypto.randomUUID() + "@example.net", db: t.db }),
      {
        domain: "project.test",
        losingRegistrar: "a",
        gainingRegistrar: "b",
        currentDnsOperator: "c",
        futureDnsOperator: "d",
      },
      { db: t.db },
    );
    await expect(r).rejects.toMatchObject({
      code: "INVALID",
      details: {
        issues: [{ path: "dnsHostingMoves", message: "Answer whether DNS hosting moves to the gaining side" }],
      },
    });
  });
});

describe("one source through the import use case", () => {
  it("imports a master file, hashes it and stores its records", async () => {
    const file = fixture("registrar-export-incomplete.zone");
    const r = await seedSource({ actor: staff, transferId, label: "registrar export", files: [file], db: t.db });
    expect(r.source).toMatchObject({ label: "registrar export", format: "bind", ok: true, recordCount: 7 });
    expect(r.source.files).toEqual([
      {
        name: "registrar-export-incomplete.zone",
        bytes: file.bytes.byteLength,
        sha256: createHash("sha256").update(file.bytes).digest("hex"),
      },
    ]);
    const stored = await getSourceReport(staff, { transferId, sourceId: r.source.id }, { db: t.db });
    expect(stored.report.counts.A).toEqual({ read: 2, represented: 2, providerOnly: 0, rejected: 0 });
  });

  it("imports Route 53 JSON with its alias records as provider records", async () => {
    const r = await seedSource({
      actor: staff,
      transferId,
      label: "Route 53",
      files: [fixture("route53-list-resource-record-sets.json")],
      db: t.db,
    });
    expect(r.source.format).toBe("route53");
    const aliases = r.report.providerRecords
      .filter((p) => p.kind === "alias")
      .map((p) => p.owner)
      .sort();
    expect(aliases).toEqual(["project.test.", "release.project.test."]);
  });

  it("merges both sources in the records table; another organisation's staff and a missing transfer get NOT_FOUND", async () => {
    const table = await getRecordsTable(staff, { transferId }, { db: t.db });
    expect(table.sources.map((s) => s.label)).toEqual(["registrar export", "Route 53"]);
    expect(table.rows).toContainEqual(["mail.project.test.", "A", "3600", "192.0.2.25", [0], -1]);
    const release = table.rows.filter((r) => r[0] === "release.project.test.");
    expect(release.map((r) => [r[1], r[3], table.providers[r[5]]?.label])).toEqual([
      ["A", "dualstack.release-lb-1234567890.us-east-1.elb.amazonaws.com.", "Route 53 alias"],
    ]);
    expect(table.providers[release[0]![5]]!.reason).toContain("Elastic Load Balancer");
    await expect(getRecordsTable(staff, { transferId: "missing" }, { db: t.db })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const other = await seedStaff({ email: "import-" + crypto.randomUUID() + "@example.net", db: t.db });
    await expect(getRecordsTable(other, { transferId }, { db: t.db })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
