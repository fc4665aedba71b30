/**
 * Which audit entries people are told about, and what they are told: a sign-off link issued, a
 * maintainer invite issued, a verdict that changed on a re-run (GO → NO-GO or back), a new revision that made
 * sign-offs stale. Tokens never appear (the audit events carry none).
 */
import { randomUUID } from "node:crypto";
import type { AuditEvent } from "../../audit/events";
import type { Db } from "../../db/client";
import { getTransfer } from "../../db/get-transfer";
import { listRuns } from "../../db/runs";
import { listSignoffs } from "../../db/signoffs";
import type { WebhookEvent } from "../webhooks/deliver";

export const NOTIFICATION_EVENTS = [
  "signoff-link.issued",
  "invite.issued",
  "verdict.changed",
  "signoffs.stale",
] as const;

export async function notificationFor(event: AuditEvent, db?: Db): Promise<WebhookEvent | null> {
  const kind = await dataFor(event, db);
  if (!kind) return null;
  const transfer = await getTransfer(event.transferId, db);
  if (!transfer) return null;
  return {
    id: randomUUID(),
    type: kind.type,
    at: event.at,
    organisationId: transfer.organisationId,
    transfer: { id: transfer.id, domain: transfer.domainAscii },
    data: kind.data,
  };
}

async function dataFor(
  event: AuditEvent,
  db?: Db,
): Promise<{ type: (typeof NOTIFICATION_EVENTS)[number]; data: Record<string, unknown> } | null> {
  switch (event.type) {
    case "link.created":
      return {
        type: "signoff-link.issued",
        data: { linkId: event.linkId, role: event.role, expiresAt: event.expiresAt },
      };
    case "invite.created":
      return {
        type: "invite.issued",
        data: { inviteId: event.inviteId, label: event.label, expiresAt: event.expiresAt },
      };
    case "run.completed": {
      const done = (await listRuns(event.transferId, db)).filter((r) => r.status === "done" && r.verdict);
      const i = done.findIndex((r) => r.id === event.runId);
      const now = done[i];
      const before = i >= 0 ? done[i + 1] : undefined;
      if (!now || !before || before.verdict === now.verdict) return null;
      return {
        type: "verdict.changed",
        data: { runId: now.id, previousRunId: before.id, from: before.verdict, to: now.verdict },
      };
    }
    case "revision.created": {
      const stale = (await listSignoffs(event.transferId, db))
        .map((r) => r.signoff)
        .filter((s) => s.revisionNumber < event.revisionNumber);
      if (stale.length === 0) return null;
      return {
        type: "signoffs.stale",
        data: {
          revisionNumber: event.revisionNumber,
          revisionDigest: event.revisionDigest,
          staleSignoffs: stale.map((s) => ({ role: s.role, revisionNumber: s.revisionNumber, decision: s.decision })),
        },
      };
    }
    default:
      return null;
  }
}
