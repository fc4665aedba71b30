/**
 * E-mail against a real SMTP server on loopback (the smtp-server package): sign-off links to the party's
 * contacts, maintainer invites to the typed address, a changed verdict and stale sign-offs from the audit log;
 * without CUTOVER_SMTP_URL nothing fails and callers are told e-mail is off.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { StaffActor } from "../../auth/actor";
import { createTestDb, type TestDb } from "../../db/test-db";
import { issueLink } from "../links/links";
import { listenOnLoopback, makeSignoffStale, turnVerdictNoGo } from "../testing/notification-scenarios";
import { seedParties, seedTransfer } from "../testing/seed";
import { startNotifications } from "./register";
import { mailInvite, mailMessage, mailSignoffLink } from "./mail";

interface Message {
  from: string;
  to: string[];
  raw: string;
}

let t: TestDb;
let smtp: SMTPServer;
let dir = "";
let env: Record<string, string> = {};
const inbox: Message[] = [];
let refuse = false;
const staff: StaffActor = {
  kind: "staff",
  userId: "u-ann",
  name: "Ann",
  email: "ann@registrar-a.test",
  organisationId: "default-org",
};
let transferId = "";
let stop: () => void;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cutover-mail-"));
  process.env.CUTOVER_DATA_DIR = dir;
  t = await createTestDb();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (refuse) return callback(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  const port = await listenOnLoopback(smtp, () => smtp.server.address());
  env = {
    CUTOVER_SMTP_URL: `smtp://127.0.0.1:${port}`,
    CUTOVER_MAIL_FROM: "Cutover <cutover@registrar-a.test>",
  };
  transferId = await seedTransfer({ domain: "project.test", db: t.db });
  await seedParties({ transferId, db: t.db });
  stop = startNotifications({ db: t.db, env });
}, 60_000);

afterAll(async () => {
  stop?.();
  await new Promise<void>((r) => smtp.close(() => r()));
  await t.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const body = (m: Message) => m.raw.replace(/=\r?\n/g, "");

describe("e-mail", () => {
  test("a sign-off link goes to the contacts of its party, plain text, from the configured sender", async () => {
    const link = await issueLink(staff, { transferId, role: "gaining-registrar" }, { db: t.db });
    const url = `https://cutover.example/sign/${link.token}`;
    const r = await mailSignoffLink(
      staff,
      { transferId, role: "gaining-registrar", url, expiresAt: link.expiresAt },
      { db: t.db, env },
    );
    expect(r).toEqual({ status: "sent", to: ["gaining-registrar@example.test"] });
    expect(mailMessage(r)).toBe("E-mailed to gaining-registrar@example.test.");
    const m = inbox.at(-1)!;
    expect(m.to).toEqual(["gaining-registrar@example.test"]);
    expect(m.from).toBe("cutover@registrar-a.test");
    expect(m.raw).toMatch(/^Subject: Sign-off requested: project\.test \(Gaining registrar\)/m);
    expect(m.raw).toMatch(/^Content-Type: text\/plain/m);
    expect(body(m)).toContain(url);
  });

  test("an invite goes to the typed address; another organisation's staff cannot send for this transfer", async () => {
    const r = await mailInvite(
      staff,
      {
        transferId,
        to: "mia@owner.test",
        label: "Mia",
        url: "https://cutover.example/invite/x",
        expiresAt: "2026-12-20T00:00:00.000Z",
      },
      { db: t.db, env },
    );
    expect(r).toEqual({ status: "sent", to: ["mia@owner.test"] });
    expect(body(inbox.at(-1)!)).toContain("https://cutover.example/invite/x");
    await expect(
      mailSignoffLink(
        { ...staff, organisationId: "org-b" },
        { transferId, role: "domain-owner", url: "u" },
        { db: t.db, env },
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("without CUTOVER_SMTP_URL nothing is sent and nothing fails: the caller is told e-mail is off; a refusing server is a failure, not a crash", async () => {
    const before = inbox.length;
    const off = await mailSignoffLink(
      staff,
      { transferId, role: "domain-owner", url: "https://x/sign/y" },
      { db: t.db, env: {} },
    );
    expect(off).toEqual({ status: "off" });
    expect(mailMessage(off)).toMatch(/^E-mail is off on this server/);
    expect(inbox.length).toBe(before);
    refuse = true;
    const failed = await mailSignoffLink(
      staff,
      { transferId, role: "domain-owner", url: "https://x/sign/y" },
      { db: t.db, env },
    );
    refuse = false;
    expect(failed.status).toBe("failed");
    expect(mailMessage(failed)).toMatch(/^E-mail failed \(.*550.*\): copy the link/);
  });

  test("a re-run that turns GO into NO-GO is e-mailed to every party; a revision making a sign-off stale to the party that signed", async () => {
    await turnVerdictNoGo({ transferId, db: t.db });
    await vi.waitFor(
      () =>
        expect(inbox.find((m) => /^Subject: project\.test: the verdict changed to NO-GO/m.test(m.raw))).toBeDefined(),
      { timeout: 5000, interval: 20 },
    );
    const changed = inbox.find((m) => /verdict changed/.test(m.raw))!;
    expect(changed.to.sort()).toEqual(
      ["domain-owner", "gaining-registrar", "losing-registrar", "new-dns-operator", "old-dns-operator"]
        .map((r) => `${r}@example.test`)
        .sort(),
    );

    await makeSignoffStale({ transferId, role: "losing-registrar", signerName: "Lou", db: t.db });
    await vi.waitFor(() => expect(inbox.find((m) => /your sign-off no longer counts/.test(body(m)))).toBeDefined(), {
      timeout: 5000,
      interval: 20,
    });
    expect(inbox.find((m) => /your sign-off no longer counts/.test(body(m)))!.to).toEqual([
      "losing-registrar@example.test",
    ]);
  });
});
