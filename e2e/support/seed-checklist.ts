/**
 * Seeds the e2e database through lib/ (DESIGN §11), run with tsx by
 * e2e/checklist.spec.ts: `tsx e2e/support/seed-checklist.ts <command> <json>`.
 * Prints one JSON line.
 */
import { getDb } from "../../lib/db/client";
import { listAuditEntries } from "../../lib/db/audit-entries";
import { saveFindings } from "../../lib/db/findings";
import { updateRun } from "../../lib/db/runs";
import { acknowledgeWarning, markBlockerFixed, seedFindings, seedParties, seedRun, seedTransfer } from "../../lib/app/testing/seed";

const [command, arg] = process.argv.slice(2);
const opts = JSON.parse(arg ?? "{}") as { domain?: string; transferId?: string };
const now = new Date();

async function main(): Promise<unknown> {
  switch (command) {
    case "transfer": {
      const id = await seedTransfer({ domain: opts.domain! });
      await seedRun({ transferId: id, withBlocker: true, at: now });
      await seedParties({ transferId: id, now });
      await acknowledgeWarning({ transferId: id, by: "Olga Owner", at: now });
      return { id };
    }
    case "fix": {
      // The maintainer added the missing delegation; the re-run no longer reports it.
      await seedRun({ transferId: opts.transferId!, withBlocker: false, at: now });
      await markBlockerFixed({ transferId: opts.transferId!, at: now });
      return { ok: true };
    }
    case "cockpit": {
      // One missing CAA policy reported for three names (three blockers) and one warning, nothing decided yet.
      const id = await seedTransfer({ domain: opts.domain! });
      const runId = await seedRun({ transferId: id, withBlocker: false, at: now });
      const caa = ["", "www.", "api."].map((p) => ({
        key: `SVC-CAA-MISSING@${p}${opts.domain}.`, checkId: "SVC-CAA-MISSING", family: "SVC", severity: "blocker", subject: `${p}${opts.domain}.`,
        message: "no CAA record: any CA may issue", remediation: "Publish a CAA record at the new operator", evidenceJson: "[]",
      }));
      await saveFindings(runId, [...seedFindings({ withBlocker: false }), ...caa], getDb());
      await updateRun(runId, { verdict: "no-go", blockers: caa.length }, getDb());
      return { id, runId };
    }
    case "audit": {
      // The transfer's audit events (type, finding, actor), for specs to count entries.
      return { events: (await listAuditEntries(opts.transferId!)).map((e) => e.event) };
    }
    default:
      throw new Error(`unknown command ${command}`);
  }
}

main()
  .then(async (out) => {
    process.stdout.write(JSON.stringify(out) + "\n");
    await getDb().$disconnect();
  })
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
