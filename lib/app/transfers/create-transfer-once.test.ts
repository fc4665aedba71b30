import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { StaffActor } from "../../auth/actor";
import { createTestDb, type TestDb } from "../../db/test-db";
import { createTransferOnce } from "./create-transfer-once";

const form = (domain: string) => ({
  domain,
  losingRegistrar: "A",
  gainingRegistrar: "B",
  currentDnsOperator: "C",
  futureDnsOperator: "D",
  dnsHostingMoves: "yes",
});

describe("createTransferOnce", () => {
  let t: TestDb;
  let staff: StaffActor;
  let other: StaffActor;
  beforeAll(async () => {
    t = await createTestDb("sqlite");
    for (const id of ["org-a", "org-b"]) await t.db.organisation.create({ data: { id, name: id } });
    staff = { kind: "staff", userId: "u1", name: "Sam", email: "sam@a.test", organisationId: "org-a" };
    other = { kind: "staff", userId: "u2", name: "Oli", email: "oli@b.test", organisationId: "org-b" };
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
  });

  test("another spelling of the same domain is a duplicate; confirmed, a second transfer is made", async () => {
    const first = await createTransferOnce(staff, { transfer: form("project.test") }, { db: t.db });
    await expect(createTransferOnce(staff, { transfer: form("PROJECT.TEST.") }, { db: t.db })).rejects.toMatchObject({
      code: "CONFLICT",
      details: {
        reason: "duplicate",
        duplicates: [{ id: first.id, domain: "project.test", createdAt: first.createdAt.toISOString() }],
      },
    });
    const second = await createTransferOnce(
      staff,
      { transfer: form("Project.Test"), confirmDuplicate: "yes" },
      { db: t.db },
    );
    expect(second.id).not.toBe(first.id);
  });

  test("another organisation's transfer for the domain is not shown", async () => {
    expect(await createTransferOnce(other, { transfer: form("project.test") }, { db: t.db })).toMatchObject({
      organisationId: "org-b",
    });
  });

  test("invalid input is reported as field errors, not as a duplicate", async () => {
    await expect(
      createTransferOnce(staff, { transfer: { ...form("not a domain") } }, { db: t.db }),
    ).rejects.toMatchObject({
      code: "INVALID",
      details: { issues: [{ path: "domain", message: expect.any(String) }] },
    });
    await expect(createTransferOnce(null, { transfer: form("x.test") }, { db: t.db })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });
});
