import { afterEach, describe, expect, test } from "vitest";
import { insertFirstStaffUser } from "../../db/staff";
import { createTestDb, testDialects, type TestDb } from "../../db/test-db";
import { createStaffUser, firstRunSetup, needsFirstRunSetup } from "./staff-users";

let t: TestDb | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

const input = (i: number) => ({
  email: `first${i}@race.test`,
  password: "long enough password",
  organisation: `Org ${i}`,
});

describe.each(testDialects())("first-run setup race (%s)", (dialect) => {
  test("two simultaneous setups create exactly one first account and organisation; the other is refused", async () => {
    t = await createTestDb(dialect);
    const db = t.db;
    expect(await needsFirstRunSetup({ db })).toBe(true);
    const results = await Promise.allSettled([firstRunSetup(input(1), { db }), firstRunSetup(input(2), { db })]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ code: "CONFLICT", message: "the first account already exists: sign in" });
    expect(await db.user.count()).toBe(1);
    // Only the default organisation, renamed after the winner's; no second "first" organisation.
    const orgs = await db.organisation.findMany();
    expect(orgs.map((o) => o.id)).toEqual(["default-org"]);
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof firstRunSetup>>>).value;
    expect(orgs[0]!.name).toBe(`Org ${winner.email === "first1@race.test" ? 1 : 2}`);
    expect(winner.organisationId).toBe("default-org");
    expect(await db.firstRunClaim.count()).toBe(1);
  });

  test("the atomic step itself: of five concurrent claims one wins, four get null, nothing half-written", async () => {
    t = await createTestDb(dialect);
    const db = t.db;
    const rs = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        insertFirstStaffUser(
          { email: `c${i}@race.test`, name: `c${i}`, organisationName: `C${i}`, passwordHash: "x:y" },
          db,
        ),
      ),
    );
    expect(rs.filter((r) => r !== null)).toHaveLength(1);
    expect(await db.user.count()).toBe(1);
    expect(await db.account.count()).toBe(1);
    expect(await db.organisation.count()).toBe(1);
  });

  test("after the first account, setup is refused and the CLI adds ordinary accounts in their own organisation", async () => {
    t = await createTestDb(dialect);
    const db = t.db;
    const a = await firstRunSetup(input(1), { db });
    await expect(firstRunSetup(input(2), { db })).rejects.toMatchObject({ code: "CONFLICT" });
    const b = await createStaffUser(input(3), { db });
    expect(a.organisationId).toBe("default-org");
    expect(b.organisationId).not.toBe("default-org");
    expect(b.organisationName).toBe("Org 3");
  });
});
