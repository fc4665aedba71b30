import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { StaffActor } from "../../auth/actor";
import { createDb, type Db } from "../../db/client";
import { createTestDb, testDialects, type TestDb } from "../../db/test-db";
import { seedStaff } from "../testing/staff";
import { createTransferIdempotent } from "./create-transfer-idempotent";

const body = (domain: string) => ({
  domain,
  losingRegistrar: "Old Reg",
  gainingRegistrar: "New Reg",
  currentDnsOperator: "Old DNS",
  futureDnsOperator: "New DNS",
  dnsHostingMoves: "yes",
});

describe.each(testDialects())("Idempotency-Key on creating a transfer (%s)", (dialect) => {
  let t: TestDb;
  let other: Db;
  let ann: StaffActor;
  let bob: StaffActor;
  beforeAll(async () => {
    t = await createTestDb(dialect);
    other = dialect === "postgres" ? createDb(t.url) : t.db;
    ann = await seedStaff({ email: "ann@registrar-a.test", db: t.db });
    bob = await seedStaff({ email: "bob@registrar-b.test", db: t.db });
  }, 60_000);
  afterAll(async () => {
    if (other !== t.db) await other.$disconnect();
    await t.dispose();
  });

  test("the same key and body answer with the first transfer; the body's key order does not matter; another body is 409", async () => {
    const first = await createTransferIdempotent(
      ann,
      { idempotencyKey: "key-1", body: body("one.test") },
      { db: t.db },
    );
    expect(first).toMatchObject({ replayed: false });
    const reordered = Object.fromEntries(Object.entries(body("one.test")).reverse());
    const again = await createTransferIdempotent(ann, { idempotencyKey: "key-1", body: reordered }, { db: t.db });
    expect(again).toMatchObject({ replayed: true });
    expect(again.transfer.id).toBe(first.transfer.id);
    expect(await t.db.transfer.count({ where: { domainAscii: "one.test" } })).toBe(1);
    await expect(
      createTransferIdempotent(ann, { idempotencyKey: "key-1", body: body("two.test") }, { db: t.db }),
    ).rejects.toMatchObject({ code: "CONFLICT", status: 409 });
    expect(await t.db.transfer.count({ where: { domainAscii: "two.test" } })).toBe(0);
  });

  test("keys are per organisation; without a key every POST creates; a refused body stores no key", async () => {
    const b = await createTransferIdempotent(bob, { idempotencyKey: "key-1", body: body("one.test") }, { db: t.db });
    expect(b).toMatchObject({ replayed: false });
    await createTransferIdempotent(ann, { idempotencyKey: null, body: body("free.test") }, { db: t.db });
    await createTransferIdempotent(ann, { idempotencyKey: null, body: body("free.test") }, { db: t.db });
    expect(await t.db.transfer.count({ where: { domainAscii: "free.test" } })).toBe(2);
    await expect(
      createTransferIdempotent(ann, { idempotencyKey: "key-2", body: { domain: "x.test" } }, { db: t.db }),
    ).rejects.toMatchObject({
      code: "INVALID",
      details: { issues: expect.arrayContaining([expect.objectContaining({ path: "dnsHostingMoves" })]) },
    });
    const fixed = await createTransferIdempotent(
      ann,
      { idempotencyKey: "key-2", body: body("fixed.test") },
      { db: t.db },
    );
    expect(fixed).toMatchObject({ replayed: false });
    await expect(
      createTransferIdempotent(ann, { idempotencyKey: "has space", body: body("a.test") }, { db: t.db }),
    ).rejects.toMatchObject({ code: "INVALID" });
    await expect(
      createTransferIdempotent(null, { idempotencyKey: "key-3", body: body("a.test") }, { db: t.db }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  test("ten concurrent requests with one key (from two database clients) make one transfer", async () => {
    const all = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        createTransferIdempotent(
          ann,
          { idempotencyKey: "burst", body: body("burst.test") },
          { db: i % 2 ? other : t.db },
        ),
      ),
    );
    const ids = new Set(all.flatMap((r) => (r.status === "fulfilled" ? [r.value.transfer.id] : [])));
    expect(ids.size).toBe(1);
    // A request that met the first one still in flight may be told to retry (409), never given a second transfer.
    for (const r of all) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "CONFLICT" });
    expect(await t.db.transfer.count({ where: { domainAscii: "burst.test" } })).toBe(1);
  });
});
