/**
 * Webhooks against a real HTTP receiver on loopback: signed JSON POSTs, retries with backoff recorded in the
 * delivery log, the outbound policy (a loopback URL is refused unless the operator allows loopback), and the
 * events: sign-off link and invite issued, verdict changed on a re-run, a revision making sign-offs stale.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { StaffActor } from "../../auth/actor";
import { organisationLogId } from "../../audit/events";
import { listAuditEntries } from "../../db/audit-entries";
import { createTestDb, type TestDb } from "../../db/test-db";
import { issueLink } from "../links/links";
import { listenOnLoopback, makeSignoffStale, turnVerdictNoGo } from "../testing/notification-scenarios";
import { seedTransfer } from "../testing/seed";
import { issueInvite } from "../invites/issue-invite";
import { startNotifications } from "../notifications/register";
import { createWebhook } from "./create";
import { deleteWebhook } from "./delete";
import { attemptDelivery } from "./deliver";
import { getWebhookSettings } from "./list";
import { verifySignature } from "./signature";

interface Received {
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

let t: TestDb;
let receiver: Server;
let url = "";
let dir = "";
const received: Received[] = [];
/** Statuses the receiver answers with, in order (then 200). */
const answers: number[] = [];
const staff: StaffActor = {
  kind: "staff",
  userId: "u-ann",
  name: "Ann",
  email: "ann@registrar-a.test",
  organisationId: "default-org",
};
const env = { CUTOVER_ALLOW_PRIVATE: "loopback", CUTOVER_WEBHOOK_BACKOFF_MS: "40", CUTOVER_WEBHOOK_ATTEMPTS: "3" };
let stop: () => void;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cutover-webhooks-"));
  process.env.CUTOVER_DATA_DIR = dir;
  t = await createTestDb();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ body: Buffer.concat(chunks).toString("utf8"), headers: req.headers });
      res.writeHead(answers.shift() ?? 200).end("ok");
    });
  });
  url = `http://127.0.0.1:${await listenOnLoopback(receiver, () => receiver.address())}/hooks/cutover`;
  stop = startNotifications({ db: t.db, env });
}, 60_000);

afterAll(async () => {
  stop?.();
  await new Promise((r) => receiver.close(r));
  await t.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const events = (type: string) =>
  received
    .map(
      (r) =>
        JSON.parse(r.body) as { type: string; id: string; transfer: { id: string }; data: Record<string, unknown> },
    )
    .filter((e) => e.type === type);

describe("webhooks", () => {
  let secret = "";
  let transferId = "";

  test("a sign-off link issued: one signed JSON POST; a 500 is retried with backoff and the log shows both attempts", async () => {
    const hook = await createWebhook(staff, { url }, { db: t.db });
    secret = hook.secret;
    expect(secret).toMatch(/^whsec_/);
    transferId = await seedTransfer({ domain: "project.test", db: t.db });
    answers.push(500);
    const link = await issueLink(staff, { transferId, role: "domain-owner" }, { db: t.db });
    await vi.waitFor(() => expect(events("signoff-link.issued")).toHaveLength(2), { timeout: 5000, interval: 20 });
    const [first, retry] = received.filter((r) => JSON.parse(r.body).type === "signoff-link.issued");
    expect(retry!.body).toBe(first!.body); // the same event (same id) again
    expect(verifySignature(secret, retry!.body, retry!.headers["x-cutover-signature"] as string)).toBe(true);
    expect(retry!.headers["x-cutover-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature("whsec_other", retry!.body, retry!.headers["x-cutover-signature"] as string)).toBe(false);
    expect(retry!.headers["content-type"]).toBe("application/json");
    expect(retry!.headers["x-cutover-event"]).toBe("signoff-link.issued");
    const e = events("signoff-link.issued")[0]!;
    expect(e).toMatchObject({
      transfer: { id: transferId, domain: "project.test" },
      data: { linkId: link.linkId, role: "domain-owner" },
    });
    expect(first!.body).not.toContain(link.token);
    await vi.waitFor(async () => {
      const log = (await getWebhookSettings(staff, {}, { db: t.db })).deliveries.find(
        (d) => d.eventType === "signoff-link.issued",
      )!;
      expect(log).toMatchObject({ status: "delivered", attempts: 2, lastStatus: 200 });
    });
  });

  test("an invite, then a re-run whose verdict changed GO → NO-GO, each arrive once", async () => {
    await issueInvite(staff, { transferId, label: "owner's IT" }, { db: t.db });
    await vi.waitFor(() => expect(events("invite.issued")).toHaveLength(1), { timeout: 5000, interval: 20 });
    expect(events("invite.issued")[0]!.data).toMatchObject({ label: "owner's IT" });
    const { go, nogo } = await turnVerdictNoGo({ transferId, db: t.db });
    await vi.waitFor(() => expect(events("verdict.changed")).toHaveLength(1), { timeout: 5000, interval: 20 });
    expect(events("verdict.changed")[0]!.data).toEqual({ runId: nogo, previousRunId: go, from: "go", to: "no-go" });
  });

  test("a new revision after a sign-off: sign-offs stale", async () => {
    const stale = await makeSignoffStale({
      transferId,
      role: "gaining-registrar",
      signerName: "Rita",
      db: t.db,
      onSigned: () => expect(events("signoffs.stale")).toHaveLength(0),
    });
    await vi.waitFor(() => expect(events("signoffs.stale")).toHaveLength(1), { timeout: 5000, interval: 20 });
    expect(events("signoffs.stale")[0]!.data).toMatchObject({
      revisionNumber: stale.second,
      staleSignoffs: [{ role: "gaining-registrar", revisionNumber: stale.first, decision: "reject" }],
    });
  });

  test("the outbound policy: a loopback receiver is refused when the operator allows public addresses only; the log says why", async () => {
    const before = received.length;
    const d = await t.db.webhookDelivery.findFirstOrThrow({ where: { status: "delivered" } });
    await t.db.webhookDelivery.update({ where: { id: d.id }, data: { status: "pending", attempts: 2 } });
    await attemptDelivery(d.id, { db: t.db, env: { ...env, CUTOVER_ALLOW_PRIVATE: "none" } });
    const row = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } });
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    expect(row.lastError).toMatch(/loopback|not allowed|refused/i);
    expect(received.length).toBe(before);
  });

  test("settings never show the secret; another organisation cannot delete the webhook; deleted, nothing more is sent", async () => {
    const s = await getWebhookSettings(staff, {}, { db: t.db });
    expect(JSON.stringify(s)).not.toContain(secret);
    const bob: StaffActor = { ...staff, userId: "u-bob", organisationId: "org-b" };
    expect((await getWebhookSettings(bob, {}, { db: t.db })).endpoints).toEqual([]);
    await expect(deleteWebhook(bob, { webhookId: s.endpoints[0]!.id }, { db: t.db })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await deleteWebhook(staff, { webhookId: s.endpoints[0]!.id }, { db: t.db });
    await deleteWebhook(staff, { webhookId: s.endpoints[0]!.id }, { db: t.db });
    // Added and deleted once each in the organisation's audit chain, with the URL and never the secret.
    const log = (await listAuditEntries(organisationLogId("default-org"), t.db)).map((e) => e.event);
    expect(log.filter((e) => e.type === "webhook.created")).toHaveLength(1);
    expect(log.filter((e) => e.type === "webhook.deleted")).toEqual([
      expect.objectContaining({
        webhookId: s.endpoints[0]!.id,
        url,
        actor: expect.objectContaining({ kind: "staff", userId: "u-ann" }),
      }),
    ]);
    expect(JSON.stringify(log)).not.toContain(secret);
    const before = received.length;
    await issueInvite(staff, { transferId, label: "after delete" }, { db: t.db });
    await new Promise((r) => setTimeout(r, 200));
    expect(received.length).toBe(before);
    await expect(createWebhook(staff, { url: "ftp://x.test/" }, { db: t.db })).rejects.toMatchObject({
      code: "INVALID",
    });
  });
});
