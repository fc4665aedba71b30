/** The audit log names who acted: the signed-in staff member (id + e-mail), the maintainer's invite, or the sign-off link's role. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { StaffActor } from "../auth/actor";
import { resolveInvite } from "./invites/invite-token";
import { createStaffUser } from "./accounts/staff-users";
import { createMemoryRateLimiter } from "../security/rate-limits";
import { createTestDb, type TestDb } from "../db/test-db";
import { verifyAuditLog } from "../audit/record-audit";
import { submitLinkSignoff } from "./links/signoff-by-link";
import { createChecklistRevision } from "./checklist/create-checklist-revision";
import { issueLink, revokeLink } from "./links/links";
import { saveSchedule } from "./schedule/save-schedule";
import { issueInvite } from "./invites/issue-invite";
import { revokeInvite } from "./invites/revoke-invite";
import { createTransfer } from "./transfers/create-transfer";
import { answerOwnerQuestions } from "./parties/answer-owner-questions";
import { importSources } from "./sources/import-sources";

let t: TestDb;
let staff: StaffActor;
let transferId: string;
const zone = new TextEncoder().encode(
  "$ORIGIN audit.test.\n@ 3600 IN SOA ns1 h 1 7200 3600 1209600 300\n@ 3600 IN NS ns1\nns1 3600 IN A 192.0.2.1\n",
);

beforeAll(async () => {
  t = await createTestDb();
  const u = await createStaffUser(
    { email: "Ann@Registrar.test", name: "Ann", password: "long enough password", organisation: "Registrar" },
    { db: t.db },
  );
  staff = { kind: "staff", userId: u.id, name: u.name, email: u.email, organisationId: u.organisationId };
  const r = await createTransfer(
    staff,
    {
      domain: "audit.test",
      losingRegistrar: "a",
      gainingRegistrar: "b",
      currentDnsOperator: "c",
      futureDnsOperator: "d",
      dnsHostingMoves: "no",
    },
    { db: t.db },
  );
  transferId = r.id;
});
afterAll(() => t.dispose());

describe("audit actors", () => {
  test("staff actions carry the user's id and e-mail; the invite's uploads and answers carry the invite; no placeholder identity", async () => {
    const ann = { kind: "staff", userId: staff.userId, name: "Ann", email: "ann@registrar.test" };
    const invite = await issueInvite(staff, { transferId, label: "owner's admin" }, { db: t.db });
    const resolved = await resolveInvite(
      { token: invite.token },
      { db: t.db, limiter: createMemoryRateLimiter({ limit: 100, windowSeconds: 60 }) },
    );
    const maintainer = resolved.actor;
    const imported = await importSources(
      maintainer,
      {
        transferId,
        sources: [{ label: "registrar export", format: "bind", files: [{ name: "export.zone", bytes: zone }] }],
      },
      { db: t.db },
    );
    const sourceId = imported.results[0]!.ok ? imported.results[0]!.source.id : "";
    await answerOwnerQuestions(
      maintainer,
      {
        transferId,
        input: {
          dnsHostingMoves: "yes",
          organisation: "Owner Ltd",
          contacts: [{ name: "Olga", email: "olga@owner.test" }],
          onCallConfirmed: true,
          onCallBy: "Olga",
        },
      },
      { db: t.db },
    );
    await saveSchedule(
      staff,
      {
        transferId,
        input: {
          start: "2030-01-08T09:00:00Z",
          end: "2030-01-08T11:00:00Z",
          timeZone: "UTC",
          holidayRegion: "",
          ttlLoweringAt: "",
        },
      },
      { db: t.db },
    );
    await createChecklistRevision(staff, { transferId }, { db: t.db });
    const link = await issueLink(staff, { transferId, role: "domain-owner" }, { db: t.db });
    await revokeInvite(staff, { transferId, inviteId: invite.inviteId }, { db: t.db });

    const log = await verifyAuditLog(transferId, t.db);
    expect(log.valid).toBe(true);
    const inviteActor = { kind: "invite", inviteId: invite.inviteId, label: "owner's admin" };
    expect(log.entries.map((e) => [e.event.type, e.event.actor])).toEqual([
      ["invite.created", ann],
      ["source.imported", inviteActor],
      ["owner.answered", inviteActor],
      ["window.scheduled", ann],
      ["revision.created", ann],
      ["link.created", ann],
      ["invite.revoked", ann],
    ]);
    expect(log.entries[1]!.event).toMatchObject({ sourceId, fileName: "export.zone" });
    // The bearer token is never written to the log.
    expect(JSON.stringify(log.entries)).not.toContain(invite.token);
    expect(JSON.stringify(log.entries)).not.toContain(link.token);
  });

  test("a sign-off records the link's role as the actor; revoking the link records the staff member", async () => {
    const link = await issueLink(staff, { transferId, role: "losing-registrar" }, { db: t.db });
    const head = (await verifyAuditLog(transferId, t.db)).entries.find((e) => e.event.type === "revision.created")!;
    const digest = (head.event as { revisionDigest: string }).revisionDigest;
    const s = await submitLinkSignoff(
      {
        token: link.token,
        ip: "audit-test",
        input: { signerName: "Lena", decision: "approve", confirmNoGo: true },
        revisionDigest: digest,
      },
      { db: t.db },
    );
    expect(s.signoff.role).toBe("losing-registrar");
    await revokeLink(staff, { transferId, linkId: link.linkId }, { db: t.db });
    const tail = (await verifyAuditLog(transferId, t.db)).entries.slice(-3);
    expect(tail.map((e) => [e.event.type, e.event.actor])).toEqual([
      ["link.used", { kind: "link", linkId: link.linkId, role: "losing-registrar" }],
      ["signoff.recorded", { kind: "link", linkId: link.linkId, role: "losing-registrar" }],
      ["link.revoked", { kind: "staff", userId: staff.userId, name: "Ann", email: "ann@registrar.test" }],
    ]);
  });
});
