/**
 * Seeds the e2e database through lib/ (the code paths the app uses), run with tsx by
 * e2e/checklist.spec.ts: `tsx e2e/support/seed-checklist.ts <command> <json>`.
 * Prints one JSON line.
 */
import { getDb } from "../../lib/db/client";
import { saveFindings } from "../../lib/db/findings";
import { updateRun } from "../../lib/db/runs";
import {
  acknowledgeWarning,
  markBlockerFixed,
  seedFindings,
  seedParties,
  seedRun,
  seedTransfer,
} from "../../lib/app/testing/seed";
import { auditEvents, runSeed } from "./seed-script";

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
        key: `SVC-CAA-MISSING@${p}${opts.domain}.`,
        checkId: "SVC-CAA-MISSING",
        family: "SVC",
        severity: "blocker",
        subject: `${p}${opts.domain}.`,
        message: "no CAA record: any CA may issue",
        remediation: "Publish a CAA record at the new operator",
        evidenceJson: "[]",
      }));
      await saveFindings(runId, [...seedFindings({ withBlocker: false }), ...caa], getDb());
      await updateRun(runId, { verdict: "no-go", blockers: caa.length }, getDb());
      return { id, runId };
    }
    case "audit":
      return auditEvents(opts.transferId!);
    default:
      throw new Error(`unknown command ${command}`);
  }
}

runSeed(main);
