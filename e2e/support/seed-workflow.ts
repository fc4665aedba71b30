/**
 * Seeds the e2e database through lib/ for e2e/workflow.spec.ts:
 * `tsx e2e/support/seed-workflow.ts <command> <json>`. Prints one JSON line.
 */
import { getDb } from "../../lib/db/client";
import { saveFindings } from "../../lib/db/findings";
import { saveFindingStates } from "../../lib/db/finding-states";
import { updateRun } from "../../lib/db/runs";
import { newInvite, storeInvite } from "../../lib/app/invites/invite-token";
import { revokeMaintainerInvite } from "../../lib/db/maintainer-invites";
import { issueLink, revokeLink } from "../../lib/app/links/links";
import {
  acknowledgeWarning,
  BLOCKER_KEY,
  seedFindings,
  seedParties,
  seedRun,
  seedTransfer,
  WARNING_KEY,
} from "../../lib/app/testing/seed";
import { staffOfTransfer } from "../../lib/app/testing/staff";
import { runSeed } from "./seed-script";

const [command, arg] = process.argv.slice(2);
const opts = JSON.parse(arg ?? "{}") as { domain?: string; transferId?: string };
const now = new Date();
const DAY = 86_400_000;

async function main(): Promise<unknown> {
  switch (command) {
    case "print": {
      // A NO-GO revision whose findings have long unbreakable subjects and every state: waived, acknowledged, open.
      const domain = opts.domain!;
      const id = await seedTransfer({ domain });
      const runId = await seedRun({ transferId: id, withBlocker: true, at: now });
      // Real findings quote RDATA: a DKIM key is hundreds of characters without a space or hyphen.
      const longName = `selector2024averylonglabelwithoutanyhyphenthatbrowserscannotbreak._domainkey.${domain}.`;
      const key = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" + "x7Kq2bN9vR4tY8uW1zP3sL6mD0fH5jG".repeat(10);
      const extra = [
        {
          key: `INV-MISSING-AT-NEW@${longName} TXT`,
          checkId: "INV-MISSING-AT-NEW",
          family: "INV",
          severity: "blocker",
          subject: `${longName} TXT`,
          message: `${longName} TXT "v=DKIM1; k=rsa; p=${key}" is missing at the new operator`,
          remediation: "Copy the DKIM record",
          evidenceJson: "[]",
        },
      ];
      await saveFindings(runId, [...seedFindings({ withBlocker: true }), ...extra], getDb());
      await updateRun(runId, { verdict: "no-go", blockers: 2 }, getDb());
      await seedParties({ transferId: id, now });
      await acknowledgeWarning({ transferId: id, by: "Olga Owner", at: now });
      await saveFindingStates(id, [
        {
          key: BLOCKER_KEY,
          status: "waived",
          by: "Walter Waiver",
          reason: "delegation retired on 2026-11-01 ticket OPS-4711",
          at: now,
        },
      ]);
      return { id, waivedKey: BLOCKER_KEY, acknowledgedKey: WARNING_KEY };
    }
    case "links": {
      // One transfer's links in every invalid state: a revoked and an expired sign-off link, a revoked and an expired invite.
      const id = await seedTransfer({ domain: opts.domain! });
      const staff = await staffOfTransfer(id);
      const revoked = await issueLink(staff, { transferId: id, role: "domain-owner" }, { now });
      const expired = await issueLink(
        staff,
        { transferId: id, role: "losing-registrar" },
        { now: new Date(now.getTime() - 30 * DAY), ttlSeconds: 60 },
      );
      await revokeLink(staff, { transferId: id, linkId: revoked.linkId }, { now });
      const invRevoked = newInvite({ transferId: id, label: "revoked", createdBy: "seed", now });
      const invExpired = newInvite({
        transferId: id,
        label: "expired",
        createdBy: "seed",
        now: new Date(now.getTime() - 30 * DAY),
        ttlSeconds: 60,
      });
      await storeInvite(invRevoked.row);
      await storeInvite(invExpired.row);
      await revokeMaintainerInvite({ transferId: id, id: invRevoked.row.id, at: now });
      return {
        id,
        signRevoked: revoked.token,
        signExpired: expired.token,
        inviteRevoked: invRevoked.token,
        inviteExpired: invExpired.token,
      };
    }
    default:
      throw new Error(`unknown command ${command}`);
  }
}

runSeed(main);
