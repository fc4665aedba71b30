/**
 * Who decided is the signed-in account and decisions come
 * in selections with undo, through the real route handler
 * with real sessions: the typed name an attacker posts is never what the
 * stored state, the audit log or the signed bundle names as the decider.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { AuditEvent } from "@/lib/audit/events";
import type { Bundle } from "@/lib/checklist/bundle";
import type { Db } from "@/lib/db/client";
import { createTestDb, type TestDb } from "@/lib/db/test-db";

const APP = join(process.cwd(), "app");
const ORIGIN = "http://cutover.test";
const FINDINGS_ROUTE = "api/transfers/[id]/runs/[runId]/findings/route.ts";
const BUNDLE_ROUTE = "api/transfers/[id]/checklist/bundle/route.ts";
const CAA = ["project.test.", "www.project.test.", "api.project.test."].map((n) => `SVC-CAA-MISSING@${n}`);

let tdb: TestDb;
let db: Db;
const ctx = { ann: "", bob: "", eve: "", annId: "", bobId: "", transferId: "", runId: "", blocker: "", warning: "" };

type Route = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function handler(file: string, method: "GET" | "POST"): Promise<Route> {
  return ((await import(/* @vite-ignore */ join(APP, file))) as Record<string, Route>)[method]!;
}

async function decide(cookie: string, body: unknown, runId = ctx.runId): Promise<Response> {
  const post = await handler(FINDINGS_ROUTE, "POST");
  const req = new Request(`${ORIGIN}/api/transfers/${ctx.transferId}/runs/${runId}/findings`, {
    method: "POST",
    headers: { host: "cutover.test", origin: ORIGIN, cookie, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return post(req, { params: Promise.resolve({ id: ctx.transferId, runId }) });
}

async function bundle(): Promise<Bundle> {
  const { createChecklistRevision } = await import("@/lib/app/checklist/create-checklist-revision");
  const { staffFromHeaders } = await import("@/lib/app/accounts/request-actor");
  expect(
    (
      await createChecklistRevision(await staffFromHeaders(new Headers({ cookie: ctx.ann })), {
        transferId: ctx.transferId,
      })
    ).digest,
  ).toMatch(/^[0-9a-f]{64}$/);
  const get = await handler(BUNDLE_ROUTE, "GET");
  const res = await get(
    new Request(`${ORIGIN}/api/transfers/${ctx.transferId}/checklist/bundle`, {
      headers: { host: "cutover.test", cookie: ctx.ann },
    }),
    { params: Promise.resolve({ id: ctx.transferId }) },
  );
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  const { verifyBundle } = await import("@/lib/checklist/bundle");
  expect(verifyBundle(bytes)).toMatchObject({ valid: true });
  return JSON.parse(bytes.toString("utf8")) as Bundle;
}

async function audit(type?: AuditEvent["type"]): Promise<AuditEvent[]> {
  const { listAuditEntries } = await import("@/lib/db/audit-entries");
  return (await listAuditEntries(ctx.transferId, db))
    .map((e) => e.event)
    .filter((e) => type === undefined || e.type === type);
}

async function stateOf(key: string) {
  return db.findingState.findUnique({ where: { transferId_key: { transferId: ctx.transferId, key } } });
}

beforeAll(async () => {
  tdb = await createTestDb();
  process.env.DATABASE_URL = tdb.url;
  process.env.CUTOVER_AUTH_SECRET = "decisions-test-secret-0123456789abcdef0123456789";
  process.env.CUTOVER_BASE_URL = ORIGIN;
  const { getDb } = await import("@/lib/db/client");
  db = getDb();
  const { createStaffUser } = await import("@/lib/app/accounts/staff-users");
  const { getAuth } = await import("@/lib/auth/server");
  const { seedTransfer, seedRun, seedFindings, BLOCKER_KEY, WARNING_KEY } = await import("@/lib/app/testing/seed");
  const { saveFindings } = await import("@/lib/db/findings");
  const a = await createStaffUser(
    {
      email: "ann@registrar-a.test",
      name: "Ann Staff",
      password: "correct horse battery A",
      organisation: "Registrar A",
    },
    { db },
  );
  const b = await createStaffUser(
    {
      email: "bob@registrar-a.test",
      name: "Bob Lead",
      password: "correct horse battery B",
      organisation: "Registrar A",
    },
    { db },
  );
  const e = await createStaffUser(
    {
      email: "eve@registrar-b.test",
      name: "Eve Other",
      password: "correct horse battery E",
      organisation: "Registrar B",
    },
    { db },
  );
  expect(b.organisationId).toBe(a.organisationId);
  expect(e.organisationId).not.toBe(a.organisationId);
  const cookie = async (email: string, password: string) =>
    (await getAuth().api.signInEmail({ body: { email, password }, asResponse: true })).headers
      .get("set-cookie")!
      .split(";")[0]!;
  ctx.ann = await cookie(a.email, "correct horse battery A");
  ctx.bob = await cookie(b.email, "correct horse battery B");
  ctx.eve = await cookie(e.email, "correct horse battery E");
  ctx.annId = a.id;
  ctx.bobId = b.id;
  ctx.transferId = await seedTransfer({ domain: "project.test", db });
  ctx.runId = await seedRun({ transferId: ctx.transferId, withBlocker: true, at: new Date(), db });
  ctx.blocker = BLOCKER_KEY;
  ctx.warning = WARNING_KEY;
  // One missing CAA policy, reported once per name: three blockers to decide with one reason.
  await saveFindings(
    ctx.runId,
    [
      ...seedFindings({ withBlocker: true }),
      ...CAA.map((key) => ({
        key,
        checkId: "SVC-CAA-MISSING",
        family: "SVC",
        severity: "blocker",
        subject: key.split("@")[1]!,
        message: "no CAA record",
        remediation: "Publish CAA",
        evidenceJson: "[]",
      })),
    ],
    db,
  );
}, 60_000);

afterAll(async () => {
  await db.$disconnect();
  await tdb.dispose();
});

describe("a decision names the signed-in account, never a typed name", () => {
  test('a posted `by: "Mallory Impersonated CEO"` is refused; as a labelled on-behalf-of it is signed beside the real account', async () => {
    const forged = await decide(ctx.ann, {
      action: "waive",
      key: ctx.blocker,
      by: "Mallory Impersonated CEO",
      reason: "the CEO approved it",
    });
    expect(forged.status).toBe(422);
    expect(await stateOf(ctx.blocker)).toBeNull();

    const ok = await decide(ctx.ann, {
      action: "waive",
      key: ctx.blocker,
      onBehalfOf: "Mallory Impersonated CEO",
      reason: "the CEO approved it",
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(await ok.json()).toMatchObject({ changed: [ctx.blocker], unchanged: [] });
    expect(await stateOf(ctx.blocker)).toMatchObject({
      status: "waived",
      by: "Ann Staff",
      byUserId: ctx.annId,
      byEmail: "ann@registrar-a.test",
      onBehalfOf: "Mallory Impersonated CEO",
    });

    const [waived] = await audit("finding.waived");
    expect(waived).toMatchObject({
      findingId: ctx.blocker,
      reason: "the CEO approved it",
      onBehalfOf: "Mallory Impersonated CEO",
      runId: ctx.runId,
      actor: { kind: "staff", userId: ctx.annId, name: "Ann Staff", email: "ann@registrar-a.test" },
    });

    const b = await bundle();
    const f = b.revision.findings.find((x) => x.id === ctx.blocker)!;
    expect(f.state).toEqual({
      status: "waived",
      by: "Ann Staff",
      account: { userId: ctx.annId, email: "ann@registrar-a.test", name: "Ann Staff" },
      onBehalfOf: "Mallory Impersonated CEO",
      reason: "the CEO approved it",
      at: expect.any(String),
    });
    expect(JSON.stringify(b.revision.verdict.reasons)).toContain(
      "by Ann Staff <ann@registrar-a.test> on behalf of Mallory Impersonated CEO (self-declared)",
    );
  });

  test("control characters are refused in the on-behalf-of name and the reason", async () => {
    for (const body of [
      { action: "acknowledge", key: ctx.warning, onBehalfOf: "Mallory\r\nwaived by: CEO", reason: "known and planned" },
      { action: "acknowledge", key: ctx.warning, onBehalfOf: "Mallory\u202eOEC", reason: "known and planned" },
      { action: "acknowledge", key: ctx.warning, reason: "known\r\nacknowledged by: CEO" },
      { action: "acknowledge", key: ctx.warning, reason: "known \u0000 planned" },
    ]) {
      const res = await decide(ctx.ann, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((await res.json()).message).toContain("control characters");
    }
    expect(await stateOf(ctx.warning)).toBeNull();
  });

  test("a later decision never silently replaces an earlier one: refused, or replaced explicitly with the old one in the log", async () => {
    const before = (await audit()).length;
    const refused = await decide(ctx.bob, { action: "waive", key: ctx.blocker, reason: "Bob's own reason" });
    expect(refused.status).toBe(409);
    expect((await refused.json()).message).toContain("Ann Staff <ann@registrar-a.test>");
    expect(await stateOf(ctx.blocker)).toMatchObject({ byUserId: ctx.annId, reason: "the CEO approved it" });
    expect(await audit()).toHaveLength(before);

    const replaced = await decide(ctx.bob, {
      action: "waive",
      key: ctx.blocker,
      reason: "Bob's own reason",
      overwrite: true,
    });
    expect(replaced.status).toBe(200);
    expect(await stateOf(ctx.blocker)).toMatchObject({
      by: "Bob Lead",
      byUserId: ctx.bobId,
      reason: "Bob's own reason",
      onBehalfOf: null,
    });
    const tail = (await audit()).slice(before);
    expect(tail.map((e) => e.type)).toEqual(["finding.overwritten", "finding.waived"]);
    expect(tail[0]).toMatchObject({
      actor: { userId: ctx.bobId },
      previous: {
        status: "waived",
        by: "Ann Staff",
        userId: ctx.annId,
        email: "ann@registrar-a.test",
        onBehalfOf: "Mallory Impersonated CEO",
        reason: "the CEO approved it",
      },
    });
  });

  test("revoke (undo): the finding is open again in the verdict, and the log keeps what was undone", async () => {
    const res = await decide(ctx.ann, { action: "revoke", key: ctx.blocker, reason: "waived by mistake" });
    expect(res.status).toBe(200);
    expect(await stateOf(ctx.blocker)).toMatchObject({ status: "open", by: null, byUserId: null });
    const [revoked] = await audit("finding.revoked");
    expect(revoked).toMatchObject({
      findingId: ctx.blocker,
      reason: "waived by mistake",
      actor: { userId: ctx.annId },
      previous: { by: "Bob Lead", userId: ctx.bobId, reason: "Bob's own reason" },
    });
    const { getRunView } = await import("@/lib/app/runs/get-run-view");
    const { staffFromHeaders } = await import("@/lib/app/accounts/request-actor");
    const view = await getRunView(await staffFromHeaders(new Headers({ cookie: ctx.ann })), {
      transferId: ctx.transferId,
      runId: ctx.runId,
    });
    expect(view.findings.find((f) => f.key === ctx.blocker)!.state).toEqual({ status: "open" });
    expect(view.verdict).toBe("no-go");
    expect((await db.run.findUniqueOrThrow({ where: { id: ctx.runId } })).verdict).toBe("no-go");
    // A second click on Undo changes nothing and logs nothing.
    const n = (await audit()).length;
    expect(await (await decide(ctx.ann, { action: "revoke", key: ctx.blocker })).json()).toMatchObject({
      changed: [],
      unchanged: [ctx.blocker],
    });
    expect(await audit()).toHaveLength(n);
  });

  test("bulk: one reason for a selection, one audit entry per finding; a double submit (also concurrent) adds nothing", async () => {
    const body = { action: "waive", keys: CAA, reason: "CAA is published by the new operator at cut-over" };
    const before = (await audit("finding.waived")).length;
    const [first, second] = await Promise.all([decide(ctx.ann, body), decide(ctx.ann, body)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const again = await decide(ctx.ann, body);
    expect(await again.json()).toMatchObject({ changed: [], unchanged: CAA });
    const waived = (await audit("finding.waived")).slice(before);
    expect(waived.map((e) => (e as { findingId: string }).findingId).sort()).toEqual([...CAA].sort());
    for (const e of waived)
      expect(e.actor).toMatchObject({ kind: "staff", userId: ctx.annId, email: "ann@registrar-a.test" });
    for (const key of CAA)
      expect(await stateOf(key)).toMatchObject({ status: "waived", byUserId: ctx.annId, reason: body.reason });
    // A selection is decided whole or not at all: one warning among blockers refuses it all.
    const mixed = await decide(ctx.ann, { action: "waive", keys: [ctx.blocker, ctx.warning], reason: "mixed" });
    expect(mixed.status).toBe(409);
    expect(await stateOf(ctx.blocker)).toMatchObject({ status: "open" });
    // Undo for the selection.
    expect(await (await decide(ctx.ann, { action: "revoke", keys: CAA })).json()).toMatchObject({ changed: CAA });
    expect(await audit("finding.revoked")).toHaveLength(1 + CAA.length);
  });

  test("only staff of the transfer's organisation: another organisation gets 404, no session 401", async () => {
    const body = { action: "waive", keys: CAA, reason: "not my transfer" };
    expect((await decide(ctx.eve, body)).status).toBe(404);
    expect((await decide("", body)).status).toBe(401);
    for (const key of CAA) expect(await stateOf(key)).toMatchObject({ status: "open" });
  });

  test("renaming an account does not rewrite history: earlier decisions keep the name they were made under", async () => {
    expect(
      (await decide(ctx.ann, { action: "acknowledge", key: ctx.warning, reason: "monitoring after the move" })).status,
    ).toBe(200);
    await db.user.update({ where: { id: ctx.annId }, data: { name: "Ann Renamed" } });
    expect((await decide(ctx.ann, { action: "waive", key: CAA[0]!, reason: "decided after the rename" })).status).toBe(
      200,
    );
    expect(await stateOf(ctx.warning)).toMatchObject({ by: "Ann Staff", byUserId: ctx.annId });
    expect(await stateOf(CAA[0]!)).toMatchObject({ by: "Ann Renamed", byUserId: ctx.annId });
    const acks = await audit("finding.acknowledged");
    expect(acks.at(-1)!.actor).toMatchObject({ userId: ctx.annId, name: "Ann Staff" });
    expect((await audit("finding.waived")).at(-1)!.actor).toMatchObject({ userId: ctx.annId, name: "Ann Renamed" });
    const b = await bundle();
    expect(b.revision.findings.find((f) => f.id === ctx.warning)!.state).toMatchObject({
      status: "acknowledged",
      by: "Ann Staff",
      account: { userId: ctx.annId, name: "Ann Staff" },
    });
    expect(b.revision.findings.find((f) => f.id === CAA[0])!.state).toMatchObject({
      status: "waived",
      by: "Ann Renamed",
      account: { userId: ctx.annId, name: "Ann Renamed" },
    });
  });
});

describe("a sign-off by link records the link, its role and a self-declared name", () => {
  test("stored, audited and bundled as self-declared; control characters in the typed name are refused", async () => {
    const { issueLink } = await import("@/lib/app/links/links");
    const { submitLinkSignoff } = await import("@/lib/app/links/signoff-by-link");
    const { latestRevisionRow } = await import("@/lib/db/checklist-revisions");
    await bundle();
    const { staffFromHeaders } = await import("@/lib/app/accounts/request-actor");
    const link = await issueLink(
      await staffFromHeaders(new Headers({ cookie: ctx.ann })),
      { transferId: ctx.transferId, role: "domain-owner" },
      { db },
    );
    const digest = (await latestRevisionRow(ctx.transferId, db))!.digest;
    const forged = submitLinkSignoff(
      {
        token: link.token,
        revisionDigest: digest,
        input: { signerName: "Olga\r\nApproved by: CEO", decision: "approve" },
      },
      { db },
    );
    await expect(forged).rejects.toMatchObject({ code: "INVALID" });
    const r = await submitLinkSignoff(
      {
        token: link.token,
        revisionDigest: digest,
        input: { signerName: "Olga Owner", decision: "reject", reason: "window too short" },
      },
      { db },
    );
    expect(r.signoff.decision).toBe("reject");
    const linkId = link.linkId;
    expect(await db.signoff.findFirst({ where: { linkId } })).toMatchObject({
      role: "domain-owner",
      signerName: "Olga Owner",
      signerNameIs: "self-declared",
    });
    expect((await audit("signoff.recorded")).at(-1)).toMatchObject({
      signerName: "Olga Owner",
      signerNameIs: "self-declared",
      actor: { kind: "link", linkId, role: "domain-owner" },
    });
    const get = await handler(BUNDLE_ROUTE, "GET");
    const res = await get(
      new Request(`${ORIGIN}/api/transfers/${ctx.transferId}/checklist/bundle`, {
        headers: { host: "cutover.test", cookie: ctx.ann },
      }),
      { params: Promise.resolve({ id: ctx.transferId }) },
    );
    const b = JSON.parse(Buffer.from(await res.arrayBuffer()).toString("utf8")) as Bundle;
    expect(b.signoffs).toEqual([
      expect.objectContaining({
        role: "domain-owner",
        signerName: "Olga Owner",
        linkId,
        signerNameIs: "self-declared",
      }),
    ]);
  });
});
