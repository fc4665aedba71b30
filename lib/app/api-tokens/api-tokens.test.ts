import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { StaffActor } from "../../auth/actor";
import { organisationLogId } from "../../audit/events";
import { listAuditEntries } from "../../db/audit-entries";
import { createTestDb, type TestDb } from "../../db/test-db";
import { verifyAuditLog } from "../../audit/record-audit";
import { authenticateApiToken, bearerToken, requireApiScope } from "./authenticate";
import { createApiToken } from "./create";
import { listApiTokens } from "./list";
import { revokeApiToken } from "./revoke";

let t: TestDb;
const ann: StaffActor = {
  kind: "staff",
  userId: "u-ann",
  name: "Ann",
  email: "ann@registrar-a.test",
  organisationId: "org-a",
};
const bob: StaffActor = {
  kind: "staff",
  userId: "u-bob",
  name: "Bob",
  email: "bob@registrar-b.test",
  organisationId: "org-b",
};

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.dispose();
});

describe("organisation API tokens", () => {
  test("shown once, stored as a SHA-256 only; authenticates as the creator of the organisation with its scope; last use recorded", async () => {
    const now = new Date("2026-12-02T10:00:00Z");
    const { token, apiToken } = await createApiToken(ann, { name: "  ci  ", scope: "write" }, { db: t.db, now });
    expect(token).toMatch(/^cutover_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({
      name: "ci",
      scope: "write",
      createdByEmail: "ann@registrar-a.test",
      lastUsedAt: null,
    });
    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token.slice(8));
    const actor = await authenticateApiToken(token, { db: t.db, now: new Date("2026-12-02T10:05:00Z") });
    expect(actor).toMatchObject({
      kind: "staff",
      userId: "u-ann",
      email: "ann@registrar-a.test",
      organisationId: "org-a",
      apiToken: { id: apiToken.id, name: "ci", scope: "write" },
    });
    expect((await listApiTokens(ann, {}, { db: t.db }))[0]!.lastUsedAt?.toISOString()).toBe("2026-12-02T10:05:00.000Z");
    expect(await listApiTokens(bob, {}, { db: t.db })).toEqual([]);
    expect((await listApiTokens(ann, {}, { db: t.db })).every((x) => !("tokenHash" in x))).toBe(true);
  });

  test("a read token may read only; staff without a token are not API callers", async () => {
    const { token } = await createApiToken(ann, { name: "dashboard", scope: "read" }, { db: t.db });
    const actor = await authenticateApiToken(token, { db: t.db });
    expect(requireApiScope(actor, "read")).toBe(actor);
    expect(() => requireApiScope(actor, "write")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => requireApiScope(ann, "read")).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));
    expect(() => requireApiScope(null, "read")).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));
  });

  test("revoked, altered, foreign-format and missing tokens authenticate nobody", async () => {
    const { token, apiToken } = await createApiToken(ann, { name: "old", scope: "write" }, { db: t.db });
    expect(await revokeApiToken(ann, { tokenId: apiToken.id }, { db: t.db })).toEqual({ revoked: true });
    expect(await authenticateApiToken(token, { db: t.db })).toBeNull();
    for (const x of [token.replace(/^cutover_/, ""), "cutover_" + "A".repeat(43), "cutover_!!", "", null])
      expect(await authenticateApiToken(x, { db: t.db })).toBeNull();
    expect(bearerToken(new Headers({ authorization: `Bearer ${token}` }))).toBe(token);
    expect(bearerToken(new Headers({ authorization: `bearer   ${token}` }))).toBe(token);
    expect(bearerToken(new Headers({ authorization: `Basic ${token}` }))).toBeNull();
  });

  test("revoking: another organisation's token is NOT_FOUND; twice is a no-op with one audit entry; the organisation's log chains and names no token", async () => {
    const { token, apiToken } = await createApiToken(ann, { name: "twice", scope: "read" }, { db: t.db });
    await expect(revokeApiToken(bob, { tokenId: apiToken.id }, { db: t.db })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await authenticateApiToken(token, { db: t.db })).not.toBeNull();
    expect(await revokeApiToken(ann, { tokenId: apiToken.id }, { db: t.db })).toEqual({ revoked: true });
    expect(await revokeApiToken(ann, { tokenId: apiToken.id }, { db: t.db })).toEqual({ revoked: false });
    const log = await listAuditEntries(organisationLogId("org-a"), t.db);
    expect(log.filter((e) => e.event.type === "api-token.revoked" && e.event.tokenId === apiToken.id)).toHaveLength(1);
    expect(
      log.find((e) => e.event.type === "api-token.created" && e.event.tokenId === apiToken.id)?.event,
    ).toMatchObject({ name: "twice", scope: "read", actor: { kind: "staff", userId: "u-ann" } });
    expect(JSON.stringify(log)).not.toContain(token);
    expect((await verifyAuditLog(organisationLogId("org-a"), t.db)).valid).toBe(true);
  });

  test("tokens are managed by signed-in staff: a token cannot create, list or revoke tokens; bad input is INVALID", async () => {
    const { token, apiToken } = await createApiToken(ann, { name: "w", scope: "write" }, { db: t.db });
    const viaToken = await authenticateApiToken(token, { db: t.db });
    await expect(createApiToken(viaToken, { name: "more", scope: "write" }, { db: t.db })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(listApiTokens(viaToken, {}, { db: t.db })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(revokeApiToken(viaToken, { tokenId: apiToken.id }, { db: t.db })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(createApiToken(null, { name: "x", scope: "read" }, { db: t.db })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    await expect(createApiToken(ann, { name: "", scope: "read" }, { db: t.db })).rejects.toMatchObject({
      code: "INVALID",
    });
    await expect(createApiToken(ann, { name: "x", scope: "admin" }, { db: t.db })).rejects.toMatchObject({
      code: "INVALID",
    });
    await expect(createApiToken(ann, { name: "a\u202eb", scope: "read" }, { db: t.db })).rejects.toMatchObject({
      code: "INVALID",
    });
  });
});
