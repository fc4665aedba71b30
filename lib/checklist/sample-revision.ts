/**
 * A complete, valid revision content for tests and demo seeding (Playwright
 * seeds through lib/ functions, DESIGN §11). Not used by production code.
 */
import { PARTY_ROLES, type Party } from "../schedule/parties";
import type { RevisionContent } from "./revision";

export function sampleParties(): Party[] {
  return PARTY_ROLES.map((role) => ({
    role,
    organisation: `${role} GmbH`,
    contacts: [{ name: `Kim ${role}`, email: `${role}@example.test` }],
    escalation: { channel: "phone", target: "+49 30 1234567" },
    onCall: { confirmed: true, by: `Kim ${role}`, at: "2026-10-01T10:00:00Z" },
  }));
}

export function sampleRevisionContent(): RevisionContent {
  return {
    transfer: {
      domain: "project.test",
      losingRegistrar: "Old Registrar Inc.",
      gainingRegistrar: "New Registrar AG",
      losingDnsOperator: "Old DNS",
      gainingDnsOperator: "New DNS",
    },
    dnsHostingMoves: true,
    sources: [{ id: "src-1", fileName: "registrar.zone", format: "bind", sha256: "a".repeat(64) }],
    snapshotDigest: "b".repeat(64),
    findings: [
      {
        id: "INV-MISSING-IN-SOURCE@release.project.test./NS",
        checkId: "INV-MISSING-IN-SOURCE",
        severity: "blocker",
        subject: "release.project.test. NS",
        message: "release.project.test. NS is served by the old servers but missing from every export",
        evidence: [
          { kind: "answer", snapshot: "old", answer: 3, text: "release.project.test. 3600 IN NS ns-1.awsdns-1.com." },
        ],
        remediation: "Add the delegation to the new zone",
        state: { status: "fixed", by: "Maintainer Mo", at: "2026-10-02T09:00:00Z" },
      },
      {
        id: "SVC-DMARC@_dmarc.project.test.",
        checkId: "SVC-DMARC",
        severity: "warning",
        subject: "_dmarc.project.test.",
        message: "DMARC policy is p=none — «Überwachung» only",
        evidence: [],
        remediation: "Consider p=quarantine after the move",
        state: { status: "acknowledged", by: "Owner Olga", at: "2026-10-02T10:00:00Z" },
      },
    ],
    verdict: { decision: "go", reasons: ["no open blocker", "all warnings acknowledged"] },
    window: {
      start: "2026-11-03T07:00:00Z",
      end: "2026-11-06T10:00:00Z",
      timeZone: "Europe/Berlin",
      holidayRegion: "DE",
      ttlLoweringAt: "2026-11-01T12:00:00Z",
    },
    timing: {
      parentNsTtl: 172800,
      childNsTtl: 3600,
      maxRecordTtl: 86400,
      negativeTtl: 300,
      dsTtl: null,
      dsChanges: false,
      marginSeconds: 3600,
    },
    parties: sampleParties(),
  };
}
