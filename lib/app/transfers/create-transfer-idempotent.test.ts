import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { StaffActor } from "../../auth/actor";
import { createDb, type Db } from "../../db/client";
import { getIdempotencyKey } from "../../db/idempotency-keys";
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

const H = 3600_000;

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

  test("a key lives CUTOVER_IDEMPOTENCY_HOURS (24 h): replayed within it; after it a new transfer, which takes the key over", async () => {
    const created = new Date("2026-03-01T10:00:00.000Z");
    const at = (ms: number) => ({ db: t.db, env: {}, now: new Date(created.getTime() + ms) });
    const post = (ms: number, domain = "ttl.test") =>
      createTransferIdempotent(ann, { idempotencyKey: "ttl", body: body(domain) }, at(ms));
    const first = await post(0);
    expect(first).toMatchObject({ replayed: false });
    for (const ms of [H, 23 * H, 24 * H]) {
      const r = await post(ms);
      expect(r).toMatchObject({ replayed: true });
      expect(r.transfer.id).toBe(first.transfer.id);
    }
    const after = await post(25 * H);
    expect(after).toMatchObject({ replayed: false });
    expect(after.transfer.id).not.toBe(first.transfer.id);
    expect(await t.db.transfer.count({ where: { domainAscii: "ttl.test" } })).toBe(2);
    const id = { organisationId: ann.organisationId, operation: "createTransfer", key: "ttl" };
    expect(await getIdempotencyKey(id, t.db)).toMatchObject({
      createdAt: new Date(created.getTime() + 25 * H),
      resultJson: JSON.stringify({ transferId: after.transfer.id }),
    });
    // The lifetime now counts from the take-over: a retry an hour later gets the new transfer, and another body is 409.
    const again = await post(26 * H);
    expect(again).toMatchObject({ replayed: true });
    expect(again.transfer.id).toBe(after.transfer.id);
    await expect(post(26 * H, "ttl-other.test")).rejects.toMatchObject({ code: "CONFLICT" });
    // Once expired, another body is no clash: the key counts as unused.
    expect(await post(50 * H, "ttl-other.test")).toMatchObject({ replayed: false });
    expect(await t.db.transfer.count({ where: { domainAscii: "ttl-other.test" } })).toBe(1);
    // The lifetime is the environment's.
    const short = await createTransferIdempotent(
      ann,
      { idempotencyKey: "ttl", body: body("ttl-other.test") },
      { db: t.db, env: { CUTOVER_IDEMPOTENCY_HOURS: "1" }, now: new Date(created.getTime() + 52 * H) },
    );
    expect(short).toMatchObject({ replayed: false });
    expect(await t.db.transfer.count({ where: { domainAscii: "ttl-other.test" } })).toBe(2);
  });

  test("ten concurrent requests with an expired key (from two database clients) make one new transfer", async () => {
    const created = new Date("2026-04-01T10:00:00.000Z");
    const deps = (ms: number, db: Db) => ({ db, env: {}, now: new Date(created.getTime() + ms) });
    const input = { idempotencyKey: "burst-expired", body: body("burst-expired.test") };
    const first = await createTransferIdempotent(ann, input, deps(0, t.db));
    const all = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => createTransferIdempotent(ann, input, deps(25 * H, i % 2 ? other : t.db))),
    );
    const ids = new Set(all.flatMap((r) => (r.status === "fulfilled" ? [r.value.transfer.id] : [])));
    expect(ids.size).toBe(1);
    expect(ids.has(first.transfer.id)).toBe(false);
    for (const r of all) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "CONFLICT" });
    expect(all.filter((r) => r.status === "fulfilled" && !r.value.replayed)).toHaveLength(1);
    expect(await t.db.transfer.count({ where: { domainAscii: "burst-expired.test" } })).toBe(2);
  });
});
