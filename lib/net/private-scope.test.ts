import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { StaffActor } from "../auth/actor";
import { createTestDb, type TestDb } from "../db/test-db";
import { checkAddress } from "../dns/address-policy";
import { startRun } from "../app/runs/start-run";
import { discoverServers } from "../app/runs/discover-servers";
import { seedTransfer } from "../app/testing/seed";
import { clampPrivateScope, effectivePrivateScope, operatorPrivateScope } from "./private-scope";

describe("the operator's private-address scope", () => {
  test("CUTOVER_ALLOW_PRIVATE: unset or unreadable is none", () => {
    expect(operatorPrivateScope({})).toBe("none");
    expect(operatorPrivateScope({ CUTOVER_ALLOW_PRIVATE: "yes" })).toBe("none");
    expect(operatorPrivateScope({ CUTOVER_ALLOW_PRIVATE: "Loopback" })).toBe("loopback");
    expect(operatorPrivateScope({ CUTOVER_ALLOW_PRIVATE: "private" })).toBe("private");
  });

  test("a request can only narrow the operator's scope, never widen it", () => {
    expect(effectivePrivateScope(true, "loopback")).toEqual({ ok: true, scope: "loopback" });
    expect(effectivePrivateScope(true, "private")).toEqual({ ok: true, scope: "private" });
    expect(effectivePrivateScope("loopback", "private")).toEqual({ ok: true, scope: "loopback" });
    expect(effectivePrivateScope(false, "private")).toEqual({ ok: true, scope: "none" });
    expect(effectivePrivateScope(true, "none")).toMatchObject({
      ok: false,
      message: expect.stringContaining("CUTOVER_ALLOW_PRIVATE=none"),
    });
    expect(effectivePrivateScope("private", "loopback")).toMatchObject({ ok: false });
    // A run stored with `true` before the setting existed gets what the operator allows now.
    expect(clampPrivateScope(true, "loopback")).toBe("loopback");
    expect(clampPrivateScope(true, "none")).toBe("none");
  });

  test("loopback scope admits loopback in every spelling the policy knows, nothing private", () => {
    const policy = { allowPrivate: "loopback" as const };
    for (const a of ["127.0.0.1", "127.5.5.5", "::1", "::ffff:127.0.0.1"])
      expect(checkAddress(a, policy), a).toBeNull();
    for (const a of ["10.0.0.1", "192.168.1.1", "169.254.169.254", "fd00::1", "100.64.0.1"])
      expect(checkAddress(a, policy), a).toMatch(/only loopback is allowed here/);
    expect(checkAddress("127.0.0.1", { allowPrivate: "none" })).toMatch(/loopback address/);
  });
});

describe("the server refuses a run or discovery asking for more than the operator allows", () => {
  let t: TestDb;
  let transferId: string;
  const staff = (): StaffActor => ({
    kind: "staff",
    userId: "u1",
    name: "Ann",
    email: "ann@registrar-a.test",
    organisationId: "default-org",
  });
  beforeAll(async () => {
    t = await createTestDb();
    transferId = await seedTransfer({ domain: "project.test", db: t.db });
  });
  afterAll(async () => {
    await t.dispose();
  });

  test("the checkbox any staff member could tick: allowPrivate true with the default setting is 422, no run stored", async () => {
    await expect(
      startRun(
        staff(),
        { transferId, input: { newServers: "ns1.new.test=10.0.0.53", allowPrivate: true } },
        { db: t.db, env: {} },
      ),
    ).rejects.toMatchObject({
      code: "INVALID",
      details: { issues: [{ path: "allowPrivate", message: expect.stringContaining("not allowed on this server") }] },
    });
    expect(await t.db.run.count({ where: { transferId } })).toBe(0);
  });

  test("asking for private when the operator allows loopback only is refused too", async () => {
    await expect(
      startRun(
        staff(),
        { transferId, input: { allowPrivate: "private" } },
        { db: t.db, env: { CUTOVER_ALLOW_PRIVATE: "loopback" } },
      ),
    ).rejects.toMatchObject({ code: "INVALID" });
  });

  test("discovery: the same rule, before any query is sent", async () => {
    const discovery = discoverServers(
      staff(),
      {
        transferId,
        input: { zone: "project.test", allowPrivate: true, rootHints: ". NS a.root.test.\na.root.test. A 127.0.0.1" },
      },
      { db: t.db, env: {} },
    );
    await expect(discovery).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("CUTOVER_ALLOW_PRIVATE=none"),
    });
  });
});
