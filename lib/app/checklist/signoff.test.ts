import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { verifyBundle } from "../../checklist/bundle";
import { canonicalBytes } from "../../checklist/canonical-json";
import { fromBase64urlStrict } from "../../checklist/base64url";
import { publicKeyFromJwk } from "../../checklist/jwk";
import { createMemoryRateLimiter } from "../../security/rate-limits";
import { generateSigningKey } from "../../checklist/signing-key";
import { verify } from "node:crypto";
import { createTestDb, testDialects, type TestDb } from "../../db/test-db";
import { placeholder } from "../../db/dialect";
import { verifyChain } from "../../audit/chain";
import { listAuditEntries } from "../../db/audit-entries";
import { insertSignoff } from "../../db/signoffs";
import { PARTY_ROLES } from "../../schedule/parties";
import { createChecklistRevision } from "./create-checklist-revision";
import { getChecklistPage } from "./get-checklist";
import { getBundle, getFindingsCsv } from "./downloads";
import { issueLink, revokeLink } from "../links/links";
import { getSignoffView, submitLinkSignoff } from "../links/signoff-by-link";
import { saveSchedule } from "../schedule/save-schedule";
import { getSchedulePage } from "../schedule/get-schedule";
import { getScheduleIcs } from "../schedule/schedule-ics";
import { acknowledgeWarning, markBlockerFixed, seedParties, seedRun, seedTransfer } from "../testing/seed";
import { SEED_STAFF } from "../testing/staff";

let dir: string;
const key = generateSigningKey();
const T0 = new Date("2026-11-02T09:00:00Z");
const at = (min: number) => new Date(T0.getTime() + min * 60_000);
// A generous limiter so the functional tests are not throttled; the throttling test builds its own.
const limiter = createMemoryRateLimiter({ limit: 10_000, windowSeconds: 60 });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cutover-signoff-"));
  process.env.CUTOVER_DATA_DIR = dir;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  delete process.env.CUTOVER_DATA_DIR;
});

// The same revisions, links, sign-offs and schedule on every database the suite covers (SQLite; PostgreSQL when CUTOVER_TEST_PG_URL is set).
describe.each(testDialects())("sign-off on %s", (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(dialect);
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
  }, 30_000);

  async function readyTransfer(domain: string, withBlocker = false) {
    const db = t.db;
    const id = await seedTransfer({ domain, db });
    await seedRun({ transferId: id, withBlocker, at: at(0), db });
    await seedParties({ transferId: id, db, now: at(1) });
    await acknowledgeWarning({ transferId: id, by: "Olga Owner", at: at(2), db });
    await saveSchedule(
      SEED_STAFF,
      {
        transferId: id,
        input: {
          start: "2026-11-10T07:00:00.000Z",
          end: "2026-11-13T10:00:00.000Z",
          timeZone: "Europe/Berlin",
          holidayRegion: "DE",
          ttlLoweringAt: "2026-11-08T07:00:00.000Z",
        },
      },
      { db, now: at(3) },
    );
    return id;
  }

  async function links(transferId: string) {
    const out = new Map<string, string>();
    for (const role of PARTY_ROLES) {
      const r = await issueLink(SEED_STAFF, { transferId, role }, { db: t.db, now: at(5) });
      out.set(role, r.token);
    }
    return out;
  }

  describe("revisions", () => {
    test("a revision freezes run, states, window and parties, and is signed over its canonical bytes", async () => {
      const id = await readyTransfer("freeze.test", true);
      const r = await createChecklistRevision(SEED_STAFF, { transferId: id }, { db: t.db, key, now: at(10) });
      expect(r.revision.revisionNumber).toBe(1);
      expect(r.revision.verdict.decision).toBe("no-go");
      expect(r.revision.findings.map((f) => [f.checkId, f.state.status])).toEqual([
        ["INV-MISSING-IN-SOURCE", "open"],
        ["SVC-DMARC", "acknowledged"],
        ["TIM-OVERLAP", "open"],
      ]);
      expect(r.revision.timing).toEqual({
        parentNsTtl: 172800,
        childNsTtl: 3600,
        maxRecordTtl: 86400,
        negativeTtl: 300,
        dsTtl: null,
        dsChanges: false,
        marginSeconds: 3600,
      });
      expect(r.revision.window?.start).toBe("2026-11-10T07:00:00.000Z");
      expect(r.revision.parties).toHaveLength(5);
      expect(r.revision.snapshotDigest).toMatch(/^[0-9a-f]{64}$/);
      const page = await getChecklistPage(SEED_STAFF, { transferId: id }, { db: t.db, now: at(11) });
      expect(page!.current!.digest).toBe(r.digest);
      expect(page!.outdated).toBe(false);
      const sig = fromBase64urlStrict(page!.current!.signature, 64)!;
      expect(verify(null, canonicalBytes(r.revision), publicKeyFromJwk(key.publicJwk), sig)).toBe(true);

      // The blocker is fixed by a re-run: the page says a new revision is due, and revision 2 chains to 1.
      await seedRun({ transferId: id, withBlocker: false, at: at(20), db: t.db });
      await markBlockerFixed({ transferId: id, at: at(20), db: t.db });
      expect((await getChecklistPage(SEED_STAFF, { transferId: id }, { db: t.db }))!.outdated).toBe(true);
      const r2 = await createChecklistRevision(SEED_STAFF, { transferId: id }, { db: t.db, key, now: at(21) });
      expect(r2.revision.revisionNumber).toBe(2);
      expect(r2.revision.previousDigest).toBe(r.digest);
      expect(r2.revision.verdict.decision).toBe("go");
      expect(r2.revision.findings.find((f) => f.checkId === "INV-MISSING-IN-SOURCE")?.state).toEqual({
        status: "fixed",
        at: at(20).toISOString(),
      });
      const page2 = await getChecklistPage(SEED_STAFF, { transferId: id }, { db: t.db });
      expect(page2!.revisions[1].changes).toContain("snapshotDigest changed");
      expect(page2!.revisions[1].changes).toContain("verdict: NO-GO → GO");
      expect(page2!.revisions[1].changes).toContain("INV-MISSING-IN-SOURCE at release.project.test. NS: open → fixed");
    });

    test("concurrent 'create revision' clicks on the same state make one revision", async () => {
      const id = await readyTransfer("race.test", true);
      const rs = await Promise.all(
        Array.from({ length: 6 }, () => createChecklistRevision(SEED_STAFF, { transferId: id }, { db: t.db, key })),
      );
      expect(rs.map((r) => r.revision.revisionNumber)).toEqual([1, 1, 1, 1, 1, 1]);
      expect(rs.filter((r) => !r.unchanged)).toHaveLength(1);
      expect(await t.db.checklistRevision.count({ where: { transferId: id } })).toBe(1);
      // A change (here: a fixed blocker) makes the next click a new revision.
      await markBlockerFixed({ transferId: id, at: at(20), db: t.db });
      const next = await createChecklistRevision(SEED_STAFF, { transferId: id }, { db: t.db, key });
      expect(next).toMatchObject({ unchanged: false, revision: { revisionNumber: 2 } });
    });
  });

  describe("links and sign-offs", () => {
    test("wrong, revoked and expired tokens are all not-found; the token is never stored", async () => {
      const id = await readyTransfer("links.test");
      await createChecklistRevision(SEED_STAFF, { transferId: id }, { db: t.db, key, now: at(10) });
      const a = await issueLink(
        SEED_STAFF,
        { transferId: id, role: "domain-owner" },
        { db: t.db, now: at(5), ttlSeconds: 3600 },
      );
      expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
      const ok = await getSignoffView({ token: a.token }, { db: t.db, now: at(10), limiter });
      expect(ok).toMatchObject({ role: "domain-owner", lastSeen: null, mine: null });
      const dump = JSON.stringify(await t.db.signoffLink.findMany()) + JSON.stringify(await t.db.auditEntry.findMany());
      expect(dump.includes(a.token)).toBe(false);
      const flipped = (a.token[0] === "A" ? "B" : "A") + a.token.slice(1);
      await expect(getSignoffView({ token: flipped }, { db: t.db, now: at(10), limiter })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(getSignoffView({ token: "nonsense" }, { db: t.db, now: at(10), limiter })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(getSignoffView({ token: a.token }, { db: t.db, now: at(5 + 60), limiter })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await revokeLink(SEED_STAFF, { transferId: id, linkId: a.linkId }, { db: t.db, now: at(11) });
      await expect(getSignoffView({ token: a.token }, { db: t.db, now: at(12), limiter })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(
        submitLinkSignoff(
          { token: a.token, revisionDigest: "0".repeat(64), input: { signerName: "X", decision: "approve" } },
          { db: t.db, now: at(12), limiter },
        ),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    test("use of a link is rate-limited per address", async () => {
      const tight = createMemoryRateLimiter({ limit: 3, windowSeconds: 60 });
      const results = [];
      for (let i = 0; i < 5; i++)
        results.push(
          await getSignoffView(
            { token: "x".repeat(43), ip: "198.51.100.7" },
            { db: t.db, now: at(0), limiter: tight },
          ).then(
            () => "ok",
            (e: { code: string }) => e.code,
          ),
        );
      expect(results).toEqual(["NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "RATE_LIMITED", "RATE_LIMITED"]);
    });

    test("reject with reason, new revision makes it stale, everyone approves, the checklist is final and the bundle verifies", async () => {
      const id = await readyTransfer("flow.test", true);
      const r1 = await createChecklistRevision(SEED_STAFF, { transferId: id }, { db: t.db, key, now: at(10) });
      const tokens = await links(id);
      const reg = tokens.get("losing-registrar")!;
      await expect(
        submitLinkSignoff(
          { token: reg, revisionDigest: r1.digest, input: { signerName: "Rita", decision: "reject" } },
          { db: t.db, now: at(11), limiter },
        ),
      ).rejects.toMatchObject({ code: "INVALID" });
      expect(
        await submitLinkSignoff(
          {
            token: reg,
            revisionDigest: r1.digest,
            input: { signerName: "Rita", decision: "reject", reason: "release NS missing" },
          },
          { db: t.db, now: at(11), limiter },
        ),
      ).toMatchObject({ final: false });
      await expect(
        submitLinkSignoff(
          {
            token: reg,
            revisionDigest: r1.digest,
            input: { signerName: "Rita", decision: "approve", confirmNoGo: true },
          },
          { db: t.db, now: at(12), limiter },
        ),
      ).rejects.toMatchObject({ code: "CONFLICT", details: { reason: "already-signed" } });

      await seedRun({ transferId: id, withBlocker: false, at: at(20), db: t.db });
      await markBlockerFixed({ transferId: id, at: at(20), db: t.db });
      const r2 = await createChecklistRevision(SEED_STAFF, { transferId: id }, { db: t.db, key, now: at(21) });
      // A signer holding the old page cannot sign the new revision unseen.
      await expect(
        submitLinkSignoff(
          { token: reg, revisionDigest: r1.digest, input: { signerName: "Rita", decision: "approve" } },
          { db: t.db, now: at(22), limiter },
        ),
      ).rejects.toMatchObject({ code: "CONFLICT", details: { reason: "revision-changed" } });
      let page = (await getChecklistPage(SEED_STAFF, { transferId: id }, { db: t.db }))!;
      expect(page.signoffs.map((s) => [s.role, s.decision, s.stale])).toEqual([["losing-registrar", "reject", true]]);
      expect(page.rolesToSignAgain).toEqual(["losing-registrar"]);
      const view = await getSignoffView({ token: reg }, { db: t.db, now: at(22), limiter });
      expect(view).toMatchObject({ lastSeen: { revisionNumber: 1 } });
      expect(view.lastSeen!.changes).toContain("INV-MISSING-IN-SOURCE at release.project.test. NS: open → fixed");

      for (const [i, role] of PARTY_ROLES.entries()) {
        const res = await submitLinkSignoff(
          {
            token: tokens.get(role)!,
            revisionDigest: r2.digest,
            input: { signerName: `Signer ${role}`, decision: "approve" },
          },
          { db: t.db, now: at(30 + i), limiter },
        );
        expect(res).toMatchObject({ final: i === PARTY_ROLES.length - 1 });
      }
      page = (await getChecklistPage(SEED_STAFF, { transferId: id }, { db: t.db }))!;
      expect(page.finality).toEqual({ final: true, missing: [] });
      expect(page.rolesToSignAgain).toEqual([]);

      const b = await getBundle(SEED_STAFF, { transferId: id, revisionNumber: null }, { db: t.db, key });
      expect(b.fileName).toBe("flow.test-checklist-r2-final.json");
      const v = verifyBundle(b.bytes, key.publicJwk);
      expect(v).toMatchObject({ valid: true, final: true, signoffs: 5, revisionNumber: 2, keySource: "supplied" });
      const old = await getBundle(SEED_STAFF, { transferId: id, revisionNumber: 1 }, { db: t.db, key });
      expect(verifyBundle(old.bytes)).toMatchObject({ valid: true, final: false, signoffs: 1 });

      const log = await listAuditEntries(id, t.db);
      expect(verifyChain(log)).toMatchObject({ valid: true });
      const types = log.map((e) => e.event.type);
      expect(types.filter((x) => x === "signoff.recorded")).toHaveLength(6);
      expect(types.filter((x) => x === "revision.created")).toHaveLength(2);
      expect(types.at(-1)).toBe("checklist.finalised");
      // Editing a stored audit row is detected at that entry.
      await t.db.$executeRawUnsafe(
        `UPDATE "AuditEntry" SET "eventJson" = replace("eventJson", 'release NS missing', 'fine') WHERE "transferId" = ${placeholder(t.dialect, 1)}`,
        id,
      );
      const tampered = verifyChain(await listAuditEntries(id, t.db));
      expect(tampered).toMatchObject({ valid: false, reason: expect.stringMatching(/was edited/) });
    });

    test("approving a NO-GO revision takes the confirmation, which travels with the sign-off into the bundle and the audit log", async () => {
      const id = await readyTransfer("nogo.test", true);
      const r1 = await createChecklistRevision(SEED_STAFF, { transferId: id }, { db: t.db, key, now: at(10) });
      const tokens = await links(id);
      const owner = tokens.get("domain-owner")!;
      const approve = (confirmNoGo?: boolean) =>
        submitLinkSignoff(
          {
            token: owner,
            revisionDigest: r1.digest,
            input: { signerName: "Olga", decision: "approve", ...(confirmNoGo === undefined ? {} : { confirmNoGo }) },
          },
          { db: t.db, now: at(11), limiter },
        );
      const unconfirmed = { code: "CONFLICT", details: { reason: "no-go-unconfirmed", openBlockers: 1 } };
      await expect(approve()).rejects.toMatchObject(unconfirmed);
      await expect(approve(false)).rejects.toMatchObject(unconfirmed);
      const noGo = {
        confirmed: true,
        openBlockers: 1,
        statement: "I approve although the verdict is NO-GO with 1 open blocker.",
      };
      expect(await approve(true)).toMatchObject({ signoff: { decision: "approve", noGo } });
      const page = (await getChecklistPage(SEED_STAFF, { transferId: id }, { db: t.db }))!;
      expect(page.signoffs[0]).toMatchObject({ role: "domain-owner", noGo });
      const b = await getBundle(SEED_STAFF, { transferId: id, revisionNumber: null }, { db: t.db, key });
      expect(JSON.parse(new TextDecoder().decode(b.bytes)).signoffs[0].noGo).toEqual(noGo);
      expect(verifyBundle(b.bytes, key.publicJwk)).toMatchObject({ valid: true, signoffs: 1 });
      const recorded = (await listAuditEntries(id, t.db))
        .map((e) => e.event)
        .find((e) => e.type === "signoff.recorded");
      expect(recorded).toMatchObject({ noGoConfirmed: { openBlockers: 1, statement: noGo.statement } });
    });

    test("concurrent sign-offs on one revision: none lost, none duplicated", async () => {
      const id = await readyTransfer("concurrent.test");
      const r = await createChecklistRevision(SEED_STAFF, { transferId: id }, { db: t.db, key, now: at(10) });
      const issued = [];
      for (let i = 0; i < 12; i++) {
        const l = await issueLink(SEED_STAFF, { transferId: id, role: PARTY_ROLES[i % 5] }, { db: t.db, now: at(5) });
        issued.push(l.token);
      }
      // Every link submits four times at once: 48 attempts, 12 distinct (link, revision) pairs.
      const attempts = issued.flatMap((token, i) =>
        Array.from({ length: 4 }, (_, k) =>
          submitLinkSignoff(
            { token, revisionDigest: r.digest, input: { signerName: `S${i}-${k}`, decision: "approve" } },
            { db: t.db, now: at(20), limiter },
          ),
        ),
      );
      const results = await Promise.all(
        attempts.map((a) =>
          a.then(
            () => "signed",
            (e: { details?: { reason?: string } }) => e.details?.reason,
          ),
        ),
      );
      expect(results.filter((x) => x === "signed")).toHaveLength(12);
      expect(results.filter((x) => x === "already-signed")).toHaveLength(36);
      const rows = await t.db.signoff.findMany({ where: { transferId: id } });
      expect(rows).toHaveLength(12);
      expect(new Set(rows.map((x) => x.linkId)).size).toBe(12);
      const log = await listAuditEntries(id, t.db);
      expect(verifyChain(log)).toMatchObject({ valid: true });
      expect(log.filter((e) => e.event.type === "signoff.recorded")).toHaveLength(12);
      expect(log.filter((e) => e.event.type === "link.used")).toHaveLength(12);
      // Several last approvals race; the checklist is finalised once.
      expect((await getChecklistPage(SEED_STAFF, { transferId: id }, { db: t.db }))!.finality).toEqual({
        final: true,
        missing: [],
      });
      expect(log.filter((e) => e.event.type === "checklist.finalised")).toHaveLength(1);
    });

    test("a sign-off whose audit entries cannot be written is not stored", async () => {
      const id = await readyTransfer("atomic.test");
      const r = await createChecklistRevision(SEED_STAFF, { transferId: id }, { db: t.db, key, now: at(10) });
      const l = await issueLink(SEED_STAFF, { transferId: id, role: "domain-owner" }, { db: t.db, now: at(5) });
      const signoff = {
        transferId: id,
        role: "domain-owner" as const,
        signerName: "Dora",
        decision: "approve" as const,
        signedAt: at(11).toISOString(),
        revisionNumber: 1,
        revisionDigest: r.digest,
      };
      await expect(
        insertSignoff(l.linkId, signoff, t.db, async () => {
          throw new Error("killed mid-write");
        }),
      ).rejects.toThrow("killed mid-write");
      expect(await t.db.signoff.count({ where: { transferId: id } })).toBe(0);
      // The audit seq moving under the writer is a retry, not a duplicate, and also stores nothing.
      expect(
        await insertSignoff(l.linkId, signoff, t.db, async () => {
          throw Object.assign(new Error("taken"), { code: "seq-taken" });
        }),
      ).toBe("retry");
      expect(await t.db.signoff.count({ where: { transferId: id } })).toBe(0);
      expect(await insertSignoff(l.linkId, signoff, t.db)).toBe("inserted");
      expect(await insertSignoff(l.linkId, signoff, t.db)).toBe("duplicate");
      expect(await t.db.signoff.count({ where: { transferId: id } })).toBe(1);
    });
  });

  describe("schedule", () => {
    test("weekend window with no TTL lowering: warnings, arithmetic, and an ICS whose times survive the DST change", async () => {
      const id = await seedTransfer({ domain: "schedule.test", db: t.db });
      await seedRun({ transferId: id, withBlocker: false, at: at(0), db: t.db });
      // Sat 24 Oct 2026 22:00 Berlin (CEST, UTC+2) → Mon 26 Oct 12:00 (CET, UTC+1): across the switch to winter time.
      await saveSchedule(
        SEED_STAFF,
        {
          transferId: id,
          input: {
            start: "2026-10-24T20:00:00.000Z",
            end: "2026-10-26T11:00:00.000Z",
            timeZone: "Europe/Berlin",
            holidayRegion: "DE",
            ttlLoweringAt: "",
          },
        },
        { db: t.db },
      );
      const page = (await getSchedulePage(SEED_STAFF, { transferId: id }, { db: t.db }))!;
      expect(page.minimumWindow).toBe("2 d 1 h");
      expect(page.requiredOverlap).toBe("2 d 1 h");
      expect(page.warnings.map((w) => w.code)).toEqual(
        expect.arrayContaining(["window-weekend", "window-too-short", "ttl-lowering-not-planned", "party-missing"]),
      );
      expect(page.plan!.steps[0]).toMatch(/NS TTL = max\(parent NS TTL/);
      const ics = await getScheduleIcs(SEED_STAFF, { transferId: id }, { db: t.db });
      const cal = new ICAL.Component(ICAL.parse(ics.text) as unknown[]);
      const events = cal.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
      const window = events.find((e) => e.summary.includes("transfer window"))!;
      expect(window.startDate.toJSDate().toISOString()).toBe("2026-10-24T20:00:00.000Z");
      expect(window.endDate.toJSDate().toISOString()).toBe("2026-10-26T11:00:00.000Z");
      expect(window.description).toContain("2026-10-24 22:00 Europe/Berlin (UTC+02:00)");
      expect(window.description).toContain("2026-10-26 12:00 Europe/Berlin (UTC+01:00)");
      const overlap = events.find((e) => e.summary.includes("overlap ends"))!;
      expect(overlap.startDate.toJSDate().toISOString()).toBe("2026-10-28T12:00:00.000Z"); // end + 49 h
      expect(events).toHaveLength(3);
      expect(events.every((e) => e.component.getAllSubcomponents("valarm").length === 2)).toBe(true);
    });

    test("CSV export escapes quotes and neutralises formulas", async () => {
      const id = await readyTransfer("csv.test", true);
      await createChecklistRevision(SEED_STAFF, { transferId: id }, { db: t.db, key });
      const csv = await getFindingsCsv(SEED_STAFF, { transferId: id, revisionNumber: 1 }, { db: t.db });
      const lines = csv.bytes.toString("utf8").split("\r\n");
      expect(lines[0]).toBe("revision,check,severity,subject,message,state,by,at,reason,remediation");
      expect(lines[1]).toBe(
        "1,INV-MISSING-IN-SOURCE,blocker,release.project.test. NS,release.project.test. NS is served by the old servers but missing from every export,open,,,,Add the delegation to the new zone",
      );
      expect(lines[2]).toContain("SVC-DMARC,warning");
      expect(lines[2]).toContain("acknowledged,Olga Owner");
    });
  });
});
