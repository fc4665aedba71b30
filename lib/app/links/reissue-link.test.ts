import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { StaffActor } from "../../auth/actor";
import { createMemoryRateLimiter } from "../../security/rate-limits";
import { createTestDb, type TestDb } from "../../db/test-db";
import { listSignoffLinks } from "../../db/signoff-links";
import { issueLink } from "./links";
import { getSignoffView } from "./signoff-by-link";
import { seedTransfer } from "../testing/seed";
import { reissueLink } from "./reissue-link";

describe("reissueLink", () => {
  let t: TestDb;
  let transferId: string;
  const staff: StaffActor = {
    kind: "staff",
    userId: "u1",
    name: "Sam",
    email: "sam@a.test",
    organisationId: "default-org",
  };
  const limiter = createMemoryRateLimiter({ limit: 1000, windowSeconds: 60 });
  beforeAll(async () => {
    t = await createTestDb("sqlite");
    transferId = await seedTransfer({ domain: "reissue.test", db: t.db });
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
  });

  test("a new token for the same role; the old one stops working; a second click makes no third link", async () => {
    const first = await issueLink(staff, { transferId, role: "domain-owner" }, { db: t.db });
    const r = await reissueLink(staff, { transferId, linkId: first.linkId }, { db: t.db });
    expect(r).toMatchObject({ role: "domain-owner", replaced: first.linkId });
    expect(r.token).not.toBe(first.token);
    await expect(getSignoffView({ token: first.token }, { db: t.db, limiter })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await getSignoffView({ token: r.token }, { db: t.db, limiter })).toMatchObject({ role: "domain-owner" });
    await expect(reissueLink(staff, { transferId, linkId: first.linkId }, { db: t.db })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const links = await listSignoffLinks(transferId, t.db);
    expect(links.map((l) => [l.role, l.revokedAt === null])).toEqual([
      ["domain-owner", true],
      ["domain-owner", false],
    ]);
  });

  test("only staff of the transfer's organisation", async () => {
    const l = await issueLink(staff, { transferId, role: "losing-registrar" }, { db: t.db });
    await expect(reissueLink(null, { transferId, linkId: l.linkId }, { db: t.db })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    await expect(
      reissueLink({ ...staff, organisationId: "other" }, { transferId, linkId: l.linkId }, { db: t.db }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(reissueLink(staff, { transferId }, { db: t.db })).rejects.toMatchObject({ code: "INVALID" });
  });
});
