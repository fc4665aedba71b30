/** What each window reminder says: the webhook event type and the plain-text e-mail (names are data, never markup). */
import type { ReminderKind } from "../../schedule/reminders";

export const REMINDER_EVENTS = ["reminder.lower-ttls", "reminder.window-start", "reminder.restore-ttls"] as const;

export function reminderEventType(kind: ReminderKind): (typeof REMINDER_EVENTS)[number] {
  return `reminder.${kind}`;
}

export const REMINDER_LABELS: Record<ReminderKind, string> = {
  "lower-ttls": "Lower the TTLs",
  "window-start": "The window starts",
  "restore-ttls": "Restore the TTLs",
};

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function reminderMail(
  kind: ReminderKind,
  f: { domain: string; windowStart: Date; windowEnd: Date; dueAt: Date },
): { subject: string; text: string } {
  const window = `The maintenance window of ${f.domain} runs from ${utc(f.windowStart)} to ${utc(f.windowEnd)}.`;
  switch (kind) {
    case "lower-ttls":
      return {
        subject: `${f.domain}: lower the TTLs now (window starts ${utc(f.windowStart)})`,
        text:
          `${window}\n\nNow is the time to lower the TTLs of the records that change with the move: caches keep ` +
          "the old values for one old TTL, so the lowering must be done before the window starts.\n",
      };
    case "window-start":
      return {
        subject: `${f.domain}: the maintenance window starts now`,
        text:
          `${window}\n\nThe window has started: the name servers can be changed at the registry now. ` +
          "Keep the old servers serving until the overlap ends.\n",
      };
    case "restore-ttls":
      return {
        subject: `${f.domain}: restore the TTLs`,
        text:
          `${window}\n\nThe old delegation has now expired from every cache, so a rollback is no longer expected: ` +
          "the TTLs lowered for the move can be restored to their usual values.\n",
      };
  }
}
