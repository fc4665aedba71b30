import { describe, expect, test } from "vitest";
import { PARTY_ROLES } from "../schedule/parties";
import { describeChanges, diffRevisions } from "./diff-revisions";
import { checkFinality } from "./finality";
import { toRevisionFinding } from "./finding";
import { createRevision, revisionDigest, type Revision } from "./revision";
import { sampleRevisionContent } from "./sample-revision";
import { rolesToSignAgain, staleSignoffs, signoffInputSchema, type Signoff } from "./signoff";

const r1 = createRevision({
  transferId: "tr-1",
  previous: null,
  content: sampleRevisionContent(),
  now: new Date("2026-10-05T12:00:00Z"),
});
const signoff = (
  rev: Revision,
  role: Signoff["role"],
  decision: "approve" | "reject" = "approve",
  at = "2026-10-06T10:00:00.000Z",
): Signoff =>
  decision === "approve"
    ? {
        transferId: rev.transferId,
        role,
        signerName: "S",
        decision,
        signedAt: at,
        revisionNumber: rev.revisionNumber,
        revisionDigest: revisionDigest(rev),
      }
    : {
        transferId: rev.transferId,
        role,
        signerName: "S",
        decision,
        reason: "DS plan missing",
        signedAt: at,
        revisionNumber: rev.revisionNumber,
        revisionDigest: revisionDigest(rev),
      };

describe("revisions", () => {
  test("numbered, chained by digest, frozen", () => {
    const r2 = createRevision({
      transferId: "tr-1",
      previous: r1,
      content: sampleRevisionContent(),
      now: new Date("2026-10-06T12:00:00Z"),
    });
    expect([r1.revisionNumber, r2.revisionNumber]).toEqual([1, 2]);
    expect(r1.previousDigest).toBeNull();
    expect(r2.previousDigest).toBe(revisionDigest(r1));
    expect(revisionDigest(r2)).not.toBe(revisionDigest(r1));
    expect(Object.isFrozen(r2)).toBe(true);
    expect(() =>
      createRevision({ transferId: "other", previous: r1, content: sampleRevisionContent(), now: new Date() }),
    ).toThrow(/another transfer/);
  });
  test("a catalogue finding maps onto the frozen shape", () => {
    const f = toRevisionFinding({
      id: "DEL-SERIAL",
      key: "DEL-SERIAL@ns2",
      severity: "blocker",
      subject: "ns2.old.test.",
      message: "serial 5 ≠ 6",
      remediation: "fix AXFR",
      evidence: [{ kind: "answer", text: "SOA …" }],
    });
    expect(f).toEqual({
      id: "DEL-SERIAL@ns2",
      checkId: "DEL-SERIAL",
      severity: "blocker",
      subject: "ns2.old.test.",
      message: "serial 5 ≠ 6",
      remediation: "fix AXFR",
      evidence: [{ kind: "answer", text: "SOA …" }],
      state: { status: "open" },
    });
  });
});

describe("finality", () => {
  test("final when go, warnings acknowledged, contacts confirmed and every role approved", () => {
    const all = PARTY_ROLES.map((r) => signoff(r1, r));
    expect(checkFinality({ revision: r1, signoffs: all })).toEqual({ final: true, missing: [] });
  });
  test("each missing condition is named", () => {
    const content = sampleRevisionContent();
    content.verdict = { decision: "no-go", reasons: ["x"] };
    content.findings[1].state = { status: "open" };
    content.parties[4] = { ...content.parties[4], onCall: { confirmed: false } };
    const r = createRevision({ transferId: "tr-1", previous: r1, content, now: new Date("2026-10-07T00:00:00Z") });
    const signoffs = [
      ...PARTY_ROLES.slice(0, 3).map((role) => signoff(r, role)),
      signoff(r, "new-dns-operator", "reject"),
      signoff(r1, "domain-owner"),
    ];
    expect(checkFinality({ revision: r, signoffs }).missing).toEqual([
      "the verdict is not GO",
      "warning SVC-DMARC is not acknowledged: DMARC policy is p=none — «Überwachung» only",
      "Domain owner (domain-owner GmbH): on-call for the window not confirmed",
      "New DNS operator rejected revision 2: DS plan missing",
      "Domain owner has not signed revision 2",
    ]);
  });
  test("a later approval by the same role replaces its rejection; required roles are configurable", () => {
    const s = [
      signoff(r1, "domain-owner", "reject", "2026-10-06T10:00:00.000Z"),
      signoff(r1, "domain-owner", "approve", "2026-10-06T11:00:00.000Z"),
    ];
    expect(checkFinality({ revision: r1, signoffs: s, requiredRoles: ["domain-owner"] }).final).toBe(true);
  });
});

describe("stale sign-offs", () => {
  test("a newer revision makes earlier sign-offs stale and lists who must sign again", () => {
    const content = sampleRevisionContent();
    content.findings[0].state = {
      status: "waived",
      by: "Reg Rita",
      at: "2026-10-06T09:00:00Z",
      reason: "delegation recreated by hand",
    };
    const r2 = createRevision({ transferId: "tr-1", previous: r1, content, now: new Date("2026-10-06T12:00:00Z") });
    const all = [signoff(r1, "losing-registrar"), signoff(r1, "domain-owner", "reject"), signoff(r2, "domain-owner")];
    expect(staleSignoffs(revisionDigest(r2), all).map((s) => s.role)).toEqual(["losing-registrar", "domain-owner"]);
    expect(rolesToSignAgain(revisionDigest(r2), all)).toEqual(["losing-registrar"]);
  });
  test("a rejection needs a reason", () => {
    expect(signoffInputSchema.safeParse({ signerName: "A", decision: "reject" }).success).toBe(false);
    expect(signoffInputSchema.safeParse({ signerName: "A", decision: "reject", reason: "  " }).success).toBe(false);
    expect(signoffInputSchema.safeParse({ signerName: "A", decision: "approve" }).success).toBe(true);
  });
});

describe("diff between revisions", () => {
  test("finding state changes, added/removed findings and changed sections", () => {
    const content = sampleRevisionContent();
    content.findings[0].state = { status: "waived", by: "Reg Rita", at: "2026-10-06T09:00:00Z", reason: "recreated" };
    const removed = content.findings.pop()!;
    content.findings.push({
      ...removed,
      id: "NEW",
      checkId: "SEC-DS",
      severity: "blocker",
      message: "DS has no matching key",
      state: { status: "open" },
    });
    content.window = { ...content.window!, end: "2026-11-07T10:00:00Z" };
    const r2 = createRevision({ transferId: "tr-1", previous: r1, content, now: new Date("2026-10-06T12:00:00Z") });
    const changes = diffRevisions(r1, r2);
    expect(changes.map((c) => c.kind)).toEqual([
      "section-changed",
      "finding-changed",
      "finding-added",
      "finding-removed",
    ]);
    expect(describeChanges(changes)).toEqual([
      "window changed",
      "INV-MISSING-IN-SOURCE at release.project.test. NS: fixed → waived by Reg Rita",
      "new blocker SEC-DS at _dmarc.project.test.: DS has no matching key",
      "no longer reported: SVC-DMARC at _dmarc.project.test.: DMARC policy is p=none — «Überwachung» only",
    ]);
    expect(diffRevisions(r1, r1)).toEqual([]);
  });
});
