/**
 * Seeding for tests and the Playwright spec (DESIGN §11: seed through lib/):
 * a transfer with a finished run — one blocker, one warning, the TIM
 * overlap finding and the run's stored timing — stored through the run repositories, plus five parties.
 */
import { createTransfer } from "../../db/create-transfer";
import type { Db } from "../../db/client";
import { saveFindingStates } from "../../db/finding-states";
import { saveFindings, type FindingRow } from "../../db/findings";
import { createRun, updateRun } from "../../db/runs";
import { computeTiming } from "../../checks/timing";
import { PARTY_ROLES } from "../../schedule/parties";
import { saveParty } from "../parties/save-party";
import { staffOfTransfer } from "./staff";
import type { Actor } from "../../auth/actor";
import type { ImportFile } from "../../zone/import/types";
import { importSources } from "../sources/import-sources";
import type { SourceFormat } from "../sources/source-input";

export const BLOCKER_KEY = "INV-MISSING-IN-SOURCE@release.project.test. NS";
export const WARNING_KEY = "SVC-DMARC@_dmarc.project.test.";

/** What the lab's project.test measures: parent NS 2 d, child NS 1 h, largest TTL 1 d, SOA MINIMUM 300 s. */
export const SEED_TIMING = computeTiming({
  parentNsTtl: 172800,
  childNsTtl: 3600,
  dsTtl: null,
  soaTtl: 3600,
  soaMinimum: 300,
  maxRecordTtl: 86400,
  dnssecChange: false,
  marginSeconds: 3600,
});

export function seedFindings(options: { withBlocker: boolean }): FindingRow[] {
  const rows: FindingRow[] = [];
  if (options.withBlocker) {
    rows.push({
      key: BLOCKER_KEY,
      checkId: "INV-MISSING-IN-SOURCE",
      family: "INV",
      severity: "blocker",
      subject: "release.project.test. NS",
      message: "release.project.test. NS is served by the old servers but missing from every export",
      remediation: "Add the delegation to the new zone",
      evidenceJson: JSON.stringify([
        { kind: "answer", snapshot: "old", answer: 3, text: "release.project.test. 3600 IN NS ns-1.awsdns-1.com." },
      ]),
    });
  }
  rows.push({
    key: WARNING_KEY,
    checkId: "SVC-DMARC",
    family: "SVC",
    severity: "warning",
    subject: "_dmarc.project.test.",
    message: "DMARC policy is p=none",
    remediation: "Consider p=quarantine after the move",
    evidenceJson: "[]",
  });
  rows.push({
    key: "TIM-OVERLAP@project.test.",
    checkId: "TIM-OVERLAP",
    family: "TIM",
    severity: "info",
    subject: "project.test.",
    message: "Old servers must keep serving at least 176400 s",
    remediation: "Keep the old zone served",
    evidenceJson: JSON.stringify(SEED_TIMING.explanation.map((text) => ({ kind: "fact", text }))),
  });
  return rows;
}

/** A finished run with the given findings (what the runner stores at the end of a run). */
export async function seedRun(options: {
  transferId: string;
  withBlocker: boolean;
  at: Date;
  db?: Db;
}): Promise<string> {
  const run = await createRun(
    { transferId: options.transferId, oldServersJson: "[]", newServersJson: "[]", optionsJson: "{}" },
    options.db,
  );
  const findings = seedFindings({ withBlocker: options.withBlocker });
  await saveFindings(run.id, findings, options.db);
  await updateRun(
    run.id,
    {
      status: "done",
      startedAt: options.at,
      finishedAt: options.at,
      phase: "done",
      snapshotJson: JSON.stringify({ seeded: true, at: options.at.toISOString(), blocker: options.withBlocker }),
      verdict: options.withBlocker ? "no-go" : "go",
      blockers: options.withBlocker ? 1 : 0,
      warnings: 1,
      infos: 1,
      timingJson: JSON.stringify(SEED_TIMING),
    },
    options.db,
  );
  return run.id;
}

export async function seedTransfer(options: { domain: string; db?: Db }): Promise<string> {
  const t = await createTransfer(
    {
      domainAscii: options.domain,
      domainUnicode: options.domain,
      losingRegistrar: "Old Registrar GmbH",
      gainingRegistrar: "New Registrar Ltd",
      currentDnsOperator: "Old Host DNS",
      futureDnsOperator: "New Host DNS",
      dnsHostingMoves: true,
    },
    options.db,
  );
  return t.id;
}

/** All five parties complete and confirmed on call. */
export async function seedParties(options: { transferId: string; db?: Db; now?: Date }): Promise<void> {
  for (const role of PARTY_ROLES) {
    await saveParty(
      await staffOfTransfer(options.transferId, options.db),
      {
        transferId: options.transferId,
        input: {
          role,
          organisation: `${role} org`,
          contacts: [{ name: `Kim ${role}`, email: `${role}@example.test` }],
          escalation: { channel: "phone", target: "+49 30 1234567" },
          onCallConfirmed: true,
          onCallBy: `Kim ${role}`,
        },
      },
      { db: options.db, now: options.now },
    );
  }
}

export async function acknowledgeWarning(options: {
  transferId: string;
  by: string;
  at: Date;
  db?: Db;
}): Promise<void> {
  await saveFindingStates(
    options.transferId,
    [{ key: WARNING_KEY, status: "acknowledged", by: options.by, reason: "monitoring after the move", at: options.at }],
    options.db,
  );
}

export async function markBlockerFixed(options: { transferId: string; at: Date; db?: Db }): Promise<void> {
  await saveFindingStates(
    options.transferId,
    [{ key: BLOCKER_KEY, status: "fixed", by: null, reason: null, at: options.at }],
    options.db,
  );
}

/** One source through the import use case (as the upload route stores it); throws when it was not stored. */
export async function seedSource(options: {
  actor: Actor;
  transferId: string;
  label: string;
  files: ImportFile[];
  format?: SourceFormat;
  db?: Db;
}) {
  const { results } = await importSources(
    options.actor,
    {
      transferId: options.transferId,
      sources: [{ label: options.label, format: options.format ?? "auto", files: options.files }],
    },
    { db: options.db },
  );
  const r = results[0]!;
  if (!r.ok) throw new Error(`seedSource: ${r.error}`);
  return r;
}
