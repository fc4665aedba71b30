import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffActor } from "../../auth/actor";
import { createTestDb, type TestDb } from "../../db/test-db";
import { isAppError } from "../../errors/app-error";
import { seedStaff } from "../testing/staff";
import { createTransfer } from "../transfers/create-transfer";
import { uploadSources } from "./upload-sources";

const ZONE =
  "$ORIGIN project.test.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 900 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\nwww IN A 192.0.2.2\n";
const ENV = { CUTOVER_MAX_UPLOAD_MB: "1", CUTOVER_MAX_UPLOAD_TOTAL_MB: "1" };

let t: TestDb;
let staff: StaffActor;
let stranger: StaffActor;
let transferId = "";

function upload(form: FormData | string, headers: Record<string, string> = {}): Request {
  return new Request("http://cutover.test/api/transfers/x/sources", { method: "POST", body: form, headers });
}
function zoneForm(manifest: unknown, ...files: [string, string][]): FormData {
  const form = new FormData();
  for (const [name, body] of files) form.append("files", new File([body], name));
  form.set("manifest", JSON.stringify(manifest));
  return form;
}

beforeAll(async () => {
  t = await createTestDb();
  staff = await seedStaff({ email: `upload-${crypto.randomUUID()}@example.net`, db: t.db });
  stranger = await seedStaff({ email: `other-${crypto.randomUUID()}@example.net`, db: t.db });
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
}, 60_000);
afterAll(async () => {
  await t.dispose();
});

describe("uploadSources", () => {
  it("imports one source per labelled group: 201 with each source's counts, the records table built after the response", async () => {
    const tasks: (() => Promise<void>)[] = [];
    const r = await uploadSources(
      staff,
      {
        transferId,
        request: upload(zoneForm([{ label: "registrar", format: "auto", partOf: null }], ["project.test.zone", ZONE])),
      },
      { afterResponse: (task) => tasks.push(task), db: t.db, env: ENV },
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      sources: [{ ok: true, label: "registrar", format: "bind", importOk: true, recordCount: 4 }],
    });
    expect(tasks).toHaveLength(1);
    await tasks[0]!();
  });

  it("answers 422 with the manifest's errors by field, storing nothing", async () => {
    const r = await uploadSources(
      staff,
      { transferId, request: upload(zoneForm([{ label: "", partOf: null }], ["a.zone", ZONE])) },
      { db: t.db, env: ENV },
    );
    expect(r).toEqual({ status: 422, body: { errors: { "entries.0.label": "Label is required (a.zone)" } } });
  });

  it("answers 400 for a body that is not a multipart form", async () => {
    const r = await uploadSources(
      staff,
      { transferId, request: upload("not a form", { "content-type": "text/plain" }) },
      { db: t.db, env: ENV },
    );
    expect(r).toEqual({ status: 400, body: { errors: { form: "Expected a multipart form upload" } } });
  });

  it("answers 413 with the limits for a body over the upload limit", async () => {
    const big = "x".repeat(2.5 * 1024 * 1024);
    const r = await uploadSources(
      staff,
      { transferId, request: upload(zoneForm([{ label: "big", partOf: null }], ["big.zone", big])) },
      { db: t.db, env: ENV },
    );
    expect(r).toEqual({
      status: 413,
      body: { errors: { files: "Upload too large: the limit is 1.0 MiB per file and 1.0 MiB per upload." } },
    });
  });

  it("refuses another organisation's transfer with NOT_FOUND before the body is read", async () => {
    const e = await uploadSources(
      stranger,
      { transferId, request: upload(zoneForm([{ label: "x", partOf: null }], ["a.zone", ZONE])) },
      { db: t.db, env: ENV },
    ).catch((x: unknown) => x);
    expect(isAppError(e) && e.code).toBe("NOT_FOUND");
    const anon = await uploadSources(
      null,
      { transferId, request: upload(zoneForm([{ label: "x", partOf: null }], ["a.zone", ZONE])) },
      { db: t.db, env: ENV },
    ).catch((x: unknown) => x);
    expect(isAppError(anon) && anon.code).toBe("UNAUTHENTICATED");
  });
});
