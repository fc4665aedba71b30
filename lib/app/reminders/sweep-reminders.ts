/**
 * Send the window reminders that are due (lib/schedule/reminders.ts) by e-mail to every party's contacts and as
 * webhook events, each once. The ReminderDelivery row is inserted before anything is sent and its unique key
 * (transfer, kind, window) is the lock: of several sweeps at once — two workers, two web instances, a timer and a
 * queue job — exactly one wins the insert and sends; the others skip it. A crash between the insert and the send
 * loses that one reminder rather than sending it twice: a reminder repeated to five organisations is worse than a
 * missing one next to the schedule page that shows it.
 * Archived transfers get none. Runs without an actor: it is the server's own job (the parties agreed to the window).
 */
import { randomUUID } from "node:crypto";
import { parseStoredTiming, scheduleTimingInputs } from "../../checks/timing";
import type { Db } from "../../db/client";
import { claimReminder, finishReminder, listReminderWindows, type ReminderWindowRow } from "../../db/reminders";
import { dueReminders, planReminders, type PlannedReminder } from "../../schedule/reminders";
import type { WindowRuleInputs } from "../../schedule/timing";
import { contactsOf, mailEnabled, sendMail, type MailResult } from "../notifications/mail";
import { enqueueWebhookEvent, type WebhookEvent } from "../webhooks/deliver";
import { reminderMail, reminderEventType } from "./reminder-text";

type Env = Record<string, string | undefined>;

/**
 * Reminders fall within this distance of their window: the restore one an overlap (NS TTL, DS TTL, margin) after its
 * end, the lowering one an old TTL plus margin before its start — days, since resolvers cap TTLs at a week or so
 * (RFC 8767 §4 suggests 7 days). A window further away is not looked at.
 */
const HORIZON_MS = 30 * 24 * 3600_000;

export interface SentReminder {
  transferId: string;
  kind: PlannedReminder["kind"];
  mail: MailResult["status"];
  webhooks: number;
}

export function ruleOf(timingJson: string | null): WindowRuleInputs | null {
  const measured = parseStoredTiming(timingJson);
  return measured ? scheduleTimingInputs(measured.inputs) : null;
}

export function plannedFor(
  w: Pick<ReminderWindowRow, "windowStart" | "windowEnd" | "ttlLoweringAt" | "timingJson">,
): PlannedReminder[] {
  return planReminders(
    {
      start: w.windowStart.toISOString(),
      end: w.windowEnd.toISOString(),
      ttlLoweringAt: w.ttlLoweringAt?.toISOString() ?? null,
    },
    ruleOf(w.timingJson),
  );
}

export async function sweepReminders(options: { db?: Db; env?: Env; now?: Date } = {}): Promise<SentReminder[]> {
  const now = options.now ?? new Date();
  const sent: SentReminder[] = [];
  for (const w of await listReminderWindows(
    { endedAfter: new Date(now.getTime() - HORIZON_MS), startsBefore: new Date(now.getTime() + HORIZON_MS) },
    options.db,
  )) {
    for (const r of dueReminders(plannedFor(w), now)) {
      const id = randomUUID();
      const won = await claimReminder(
        {
          id,
          transferId: w.transferId,
          kind: r.kind,
          windowStart: w.windowStart,
          windowEnd: w.windowEnd,
          dueAt: r.dueAt,
          claimedAt: new Date(),
        },
        options.db,
      );
      if (!won) continue;
      sent.push(await send(id, w, r, options));
    }
  }
  return sent;
}

async function send(
  id: string,
  w: ReminderWindowRow,
  r: PlannedReminder,
  options: { db?: Db; env?: Env },
): Promise<SentReminder> {
  const facts = { domain: w.domainAscii, windowStart: w.windowStart, windowEnd: w.windowEnd, dueAt: r.dueAt };
  const event: WebhookEvent = {
    // The row's id: a receiver de-duplicating on it never sees one reminder twice.
    id,
    type: reminderEventType(r.kind),
    at: new Date().toISOString(),
    organisationId: w.organisationId,
    transfer: { id: w.transferId, domain: w.domainAscii },
    data: {
      kind: r.kind,
      dueAt: r.dueAt.toISOString(),
      windowStart: w.windowStart.toISOString(),
      windowEnd: w.windowEnd.toISOString(),
    },
  };
  const [mail, hooks] = await Promise.all([
    mailEnabled(options.env)
      ? contactsOf(w.transferId, null, options.db).then((to) =>
          sendMail({ to, ...reminderMail(r.kind, facts) }, options.env),
        )
      : Promise.resolve<MailResult>({ status: "off" }),
    enqueueWebhookEvent(event, { db: options.db, env: options.env }).catch(() => [] as string[]),
  ]);
  await finishReminder(
    id,
    {
      mailStatus: mail.status,
      mailError: mail.status === "failed" ? mail.message.slice(0, 500) : null,
      webhooks: hooks.length,
      sentAt: new Date(),
    },
    options.db,
  );
  return { transferId: w.transferId, kind: r.kind, mail: mail.status, webhooks: hooks.length };
}
