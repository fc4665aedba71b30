/**
 * Seeds the cockpit specs' data through lib/ (the code paths the app uses), run with tsx:
 * `tsx e2e/support/seed-cockpit.ts <command> <json>`. Prints one JSON line.
 */
import { readFileSync } from "node:fs";
import { saveFindings } from "../../lib/db/findings";
import { updateRun } from "../../lib/db/runs";
import { updateTransferFacts } from "../../lib/db/update-transfer";
import { issueLink } from "../../lib/app/links/links";
import { createChecklistRevision } from "../../lib/app/checklist/create-checklist-revision";
import { saveSchedule } from "../../lib/app/schedule/save-schedule";
import { submitLinkSignoff } from "../../lib/app/links/signoff-by-link";
import {
  acknowledgeWarning,
  markBlockerFixed,
  seedFindings,
  seedParties,
  seedRun,
  seedTransfer,
} from "../../lib/app/testing/seed";
import { importSources } from "../../lib/app/sources/import-sources";
import { staffOfTransfer } from "../../lib/app/testing/staff";
import type { DiffRow } from "../../lib/app/runs/diff-rows";
import { auditEvents, runSeed } from "./seed-script";

const [command, arg] = process.argv.slice(2);
const opts = JSON.parse(arg ?? "{}") as { tag?: string; transferId?: string };
const now = new Date();
const DAY = 86_400_000;

async function withSources(domain: string): Promise<{ id: string; sources: string[] }> {
  const id = await seedTransfer({ domain });
  const file = (name: string) => ({
    name,
    bytes: new Uint8Array(readFileSync(new URL(`../../lib/zone/import/__fixtures__/exports/${name}`, import.meta.url))),
  });
  const r = await importSources(await staffOfTransfer(id), {
    transferId: id,
    sources: [
      { label: "registrar export", format: "auto", files: [file("registrar-export-incomplete.zone")] },
      { label: "Route 53", format: "route53", files: [file("route53-list-resource-record-sets.json")] },
    ],
  });
  return { id, sources: r.results.map((x) => (x.ok ? x.source.id : "")) };
}

/** A transfer ready to sign: GO revision, window in three days, two approvals of five; returns a link for the owner. */
async function signing(domain: string): Promise<{ id: string; sources: string[]; signUrlPath: string }> {
  const t = await withSources(domain);
  await seedRun({ transferId: t.id, withBlocker: true, at: new Date(now.getTime() - 60_000) });
  await seedRun({ transferId: t.id, withBlocker: false, at: now });
  await markBlockerFixed({ transferId: t.id, at: now });
  await acknowledgeWarning({ transferId: t.id, by: "Olga Owner", at: now });
  await seedParties({ transferId: t.id, now });
  const start = new Date(Math.ceil((now.getTime() + 3 * DAY) / 3_600_000) * 3_600_000);
  const staff = await staffOfTransfer(t.id);
  await saveSchedule(staff, {
    transferId: t.id,
    input: {
      start: start.toISOString(),
      end: new Date(start.getTime() + 3 * DAY).toISOString(),
      timeZone: "Europe/Berlin",
      holidayRegion: null,
      ttlLoweringAt: null,
    },
  });
  const rev = await createChecklistRevision(staff, { transferId: t.id });
  for (const role of ["losing-registrar", "gaining-registrar"]) {
    const l = await issueLink(staff, { transferId: t.id, role });
    await submitLinkSignoff({
      token: l.token,
      input: { signerName: `Signer ${role}`, decision: "approve" },
      revisionDigest: rev.digest,
    });
  }
  const owner = await issueLink(staff, { transferId: t.id, role: "domain-owner" });
  return { ...t, signUrlPath: `/sign/${owner.token}` };
}

/** A finished NO-GO run whose findings cluster on one name, with old/new evidence and diff rows. */
async function subjects(domain: string): Promise<{ id: string; runId: string }> {
  const id = await seedTransfer({ domain });
  const runId = await seedRun({ transferId: id, withBlocker: false, at: now });
  const rel = `release.${domain}.`;
  const old = (text: string) => ({ kind: "answer", snapshot: "old", server: "ns1.oldhost.test. 127.0.0.2:53", text });
  const neu = (text: string) => ({ kind: "answer", snapshot: "new", server: "ns1.newhost.test. 127.0.0.5:53", text });
  const rows = [
    {
      key: `DEL-SUBZONE-CUT@${rel}`,
      checkId: "DEL-SUBZONE-CUT",
      family: "DEL",
      severity: "blocker",
      subject: rel,
      message: `${rel} is delegated by the old servers but not by the new`,
      remediation: "Add the delegation at the new operator",
      evidenceJson: JSON.stringify([
        old(`${rel} 3600 IN NS ns-101.awsdns-12.com.`),
        neu(`${rel}: NXDOMAIN (no delegation)`),
      ]),
    },
    {
      key: `INV-EXPORT-INCOMPLETE@${rel} NS`,
      checkId: "INV-EXPORT-INCOMPLETE",
      family: "INV",
      severity: "blocker",
      subject: `${rel} NS`,
      message: `${rel} NS is live but in no export`,
      remediation: "Import a complete export",
      evidenceJson: JSON.stringify([
        old(`${rel} 3600 IN NS ns-101.awsdns-12.com.`),
        { kind: "source", file: "registrar.zone", text: "registrar.zone: no record for this name" },
      ]),
    },
    {
      key: `INV-TTL-DIFFERS@${rel} NS`,
      checkId: "INV-TTL-DIFFERS",
      family: "INV",
      severity: "warning",
      subject: `${rel} NS`,
      message: "TTL 3600 at the old servers, 300 at the new",
      remediation: "Use the live TTL",
      evidenceJson: JSON.stringify([
        old(`${rel} 3600 IN NS ns-101.awsdns-12.com.`),
        neu(`${rel} 300 IN NS ns-101.awsdns-12.com.`),
      ]),
    },
  ];
  await saveFindings(runId, [...seedFindings({ withBlocker: false }), ...rows]);
  const long = `v=spf1 ${Array.from({ length: 12 }, (_, i) => `include:_spf${i}.mail-provider.example`).join(" ")} -all`;
  const diff: DiffRow[] = [
    {
      comparison: "new operator",
      kind: "rdata",
      owner: `${domain}.`,
      type: "TXT",
      hereLabel: "old operator",
      thereLabel: "new operator",
      here: [`"${long}"`],
      there: [`"${long.replace("-all", "~all")}"`],
      hereTtl: 3600,
      thereTtl: 300,
      explained: null,
    },
    {
      comparison: "new operator",
      kind: "missing",
      owner: rel,
      type: "NS",
      hereLabel: "old operator",
      thereLabel: "new operator",
      here: ["ns-101.awsdns-12.com.", "ns-202.awsdns-24.net."],
      there: [],
      hereTtl: 3600,
      thereTtl: null,
      explained: null,
    },
  ];
  await updateRun(runId, { verdict: "no-go", blockers: 2, warnings: 2, diffJson: JSON.stringify(diff) });
  return { id, runId };
}

async function main(): Promise<unknown> {
  const tag = opts.tag!;
  switch (command) {
    case "dashboard": {
      const fresh = await seedTransfer({ domain: `${tag}-new.test` });
      const nogo = await withSources(`${tag}-nogo.test`);
      await seedRun({ transferId: nogo.id, withBlocker: true, at: now });
      const ready = await signing(`${tag}-signing.test`);
      return { fresh, nogo: nogo.id, signing: ready.id };
    }
    case "signing":
      return signing(`${tag}.test`);
    case "signing-stale": {
      // Revision 2 after a fact edit: the two approvals of revision 1 are stale.
      const t = await signing(`${tag}.test`);
      await updateTransferFacts(t.id, {
        losingRegistrar: "Old Registrar GmbH",
        gainingRegistrar: "Newer Registrar AG",
        currentDnsOperator: "Old Host DNS",
        futureDnsOperator: "New Host DNS",
        dnsHostingMoves: true,
      });
      await createChecklistRevision(await staffOfTransfer(t.id), { transferId: t.id });
      return t;
    }
    case "subjects":
      return subjects(`${tag}.test`);
    case "audit":
      return auditEvents(opts.transferId!);
    default:
      throw new Error(`unknown command ${command}`);
  }
}

runSeed(main);
