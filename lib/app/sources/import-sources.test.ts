import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../db/test-db";
import type { TestDb } from "../../db/test-db";
import { listSources } from "../../db/list-sources";
import { createTransfer } from "../transfers/create-transfer";
import { seedStaff } from "../testing/staff";
import type { StaffActor } from "../../auth/actor";

import { getRecordsTable } from "./get-records-table";
import { getSourceReport } from "./get-source-report";
import { importSources } from "./import-sources";

const FIXTURES = new URL("../../zone/import/__fixtures__/exports/", import.meta.url);
const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, FIXTURES))) });
const text = (name: string, body: string) => ({ name, bytes: new TextEncoder().encode(body) });
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

let t: TestDb;
let transferId: string;
let staff: StaffActor;
beforeAll(async () => {
  t = await createTestDb();
  staff = await seedStaff({ email: "imports-" + crypto.randomUUID() + "@example.net", db: t.db });
  const created = await createTransfer(
    staff,
    {
      domain: "project.test",
      losingRegistrar: "a",
      gainingRegistrar: "b",
      currentDnsOperator: "c",
      futureDnsOperator: "d",
      dnsHostingMoves: "no",
    },
    { db: t.db },
  );
  transferId = created.id;
});
afterAll(async () => {
  await t.dispose();
});

describe("importSources", () => {
  it("stores each source with its files' hashes; a refused AXFR is stored as failed and does not block the others", async () => {
    const registrar = fixture("registrar-export-incomplete.zone");
    const refused = fixture("dig-axfr-refused.txt");
    const route53 = fixture("route53-list-resource-record-sets.json");
    const r = await importSources(
      staff,
      {
        transferId,
        sources: [
          { label: "registrar export", format: "auto", files: [registrar] },
          { label: "AXFR from ns2", format: "auto", files: [refused] },
          { label: "Route 53", format: "route53", files: [route53] },
        ],
      },
      { db: t.db },
    );
    expect(r.results.map((x) => x.ok && [x.label, x.source.format, x.source.ok, x.source.recordCount])).toEqual([
      ["registrar export", "bind", true, 7],
      ["AXFR from ns2", "axfr", false, 0],
      ["Route 53", "route53", true, 12],
    ]);
    const stored = await listSources(transferId, t.db);
    expect(stored.map((s) => [s.label, s.files])).toEqual([
      ["registrar export", [{ name: registrar.name, sha256: sha(registrar.bytes), bytes: registrar.bytes.byteLength }]],
      ["AXFR from ns2", [{ name: refused.name, sha256: sha(refused.bytes), bytes: refused.bytes.byteLength }]],
      ["Route 53", [{ name: route53.name, sha256: sha(route53.bytes), bytes: route53.bytes.byteLength }]],
    ]);
    const axfr = r.results[1]!;
    if (!axfr.ok) throw new Error("AXFR source not stored");
    const report = await getSourceReport(staff, { transferId, sourceId: axfr.source.id }, { db: t.db });
    expect(report?.report.ok).toBe(false);
    expect(report?.report.diagnostics.map((d) => [d.file, d.line, d.code])).toEqual([
      ["dig-axfr-refused.txt", 5, "transfer-failed"],
    ]);
  });

  it("imports a master file together with its $INCLUDE file as one source", async () => {
    const main = text(
      "main.zone",
      "$ORIGIN inc.test.\n$TTL 300\n@ IN SOA ns1 host 1 2 3 4 5\n@ IN NS ns1\n$INCLUDE hosts.inc\n",
    );
    const inc = text("hosts.inc", "www IN A 192.0.2.80\nns1 IN A 192.0.2.53\n");
    const otherStaff = await seedStaff({ email: "imports-" + crypto.randomUUID() + "@example.net", db: t.db });
    const other = await createTransfer(
      otherStaff,
      {
        domain: "inc.test",
        losingRegistrar: "a",
        gainingRegistrar: "b",
        currentDnsOperator: "c",
        futureDnsOperator: "d",
        dnsHostingMoves: "yes",
      },
      { db: t.db },
    );
    const r = await importSources(
      otherStaff,
      { transferId: other.id, sources: [{ label: "master + include", format: "auto", files: [main, inc] }] },
      { db: t.db },
    );
    if (!r.results[0].ok) throw new Error(JSON.stringify(r));
    expect(r.results[0].source).toMatchObject({
      format: "bind",
      ok: true,
      recordCount: 4,
      files: [{ name: "main.zone" }, { name: "hosts.inc" }],
    });
    const table = await getRecordsTable(otherStaff, { transferId: other.id }, { db: t.db });
    expect(table?.rows.find((row) => row[0] === "www.inc.test.")).toEqual([
      "www.inc.test.",
      "A",
      "300",
      "192.0.2.80",
      [0],
      -1,
    ]);
  });

  it("stores unreadable input as a failed source with a diagnostic instead of failing the upload", async () => {
    const r = await importSources(
      staff,
      { transferId, sources: [{ label: "mystery", format: "auto", files: [text("notes.txt", "hello world\n")] }] },
      { db: t.db },
    );
    if (!r.results[0].ok) throw new Error(JSON.stringify(r));
    expect(r.results[0].source.ok).toBe(false);
    expect(r.results[0].report.diagnostics.map((d) => d.code)).toEqual(["bad-format"]);
  });

  it("answers 404 for an unknown transfer and imports nothing", async () => {
    await expect(
      importSources(
        staff,
        {
          transferId: "nope",
          sources: [{ label: "x", format: "auto", files: [fixture("registrar-export-incomplete.zone")] }],
        },
        { db: t.db },
      ),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await t.db.source.count({ where: { transferId: "nope" } })).toBe(0);
  });
});

describe("getRecordsTable cache", () => {
  it("serves the same table until the transfer's set of sources changes", async () => {
    const first = await getRecordsTable(staff, { transferId }, { db: t.db });
    expect(await getRecordsTable(staff, { transferId }, { db: t.db })).toBe(first);
    await importSources(
      staff,
      {
        transferId,
        sources: [
          {
            label: "extra",
            format: "auto",
            files: [text("extra.zone", "$ORIGIN project.test.\nextra 60 IN A 192.0.2.99\n")],
          },
        ],
      },
      { db: t.db },
    );
    const after = await getRecordsTable(staff, { transferId }, { db: t.db });
    expect(after).not.toBe(first);
    expect(after?.rows.find((row) => row[0] === "extra.project.test.")?.[3]).toBe("192.0.2.99");
  });
});
