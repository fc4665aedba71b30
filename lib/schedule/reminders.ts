/**
 * The reminders of one maintenance window, as a pure function of the window and the timing rule
 * (timing.ts windowRule, DESIGN §7): lower the TTLs of the changing records one old TTL plus margin before the
 * window (or when the step is planned), the window starts, and restore the TTLs once the old delegation has left
 * every cache (window end + required overlap) — until then a rollback may still need the low TTLs.
 * Each reminder is worth sending only until `until`: a "lower the TTLs" reminder after the window began, or one
 * the server was down for, would only be noise.
 */
import { windowRule, type WindowRuleInputs } from "./timing";
import type { MaintenanceWindow } from "./window";

export const REMINDER_KINDS = ["lower-ttls", "window-start", "restore-ttls"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface PlannedReminder {
  kind: ReminderKind;
  dueAt: Date;
  /** After this instant the reminder is no longer sent. */
  until: Date;
}

/** How long a restore reminder stays worth sending after its time. */
export const RESTORE_GRACE_MS = 24 * 3600_000;

/**
 * `rule` is the latest live check's measured timing, or null when none was measured: then the TTL-lowering
 * reminder exists only when the step is planned, and the restore reminder falls at the window's end.
 */
export function planReminders(
  window: Pick<MaintenanceWindow, "start" | "end" | "ttlLoweringAt">,
  rule: WindowRuleInputs | null,
): PlannedReminder[] {
  const start = new Date(window.start);
  const end = new Date(window.end);
  if (!(end.getTime() > start.getTime())) return [];
  const r = rule === null ? null : windowRule(rule);
  const out: PlannedReminder[] = [];
  const lowering =
    window.ttlLoweringAt !== null
      ? new Date(window.ttlLoweringAt)
      : r
        ? new Date(start.getTime() - r.ttlLoweringLeadSeconds * 1000)
        : null;
  if (lowering !== null && lowering.getTime() < start.getTime())
    out.push({ kind: "lower-ttls", dueAt: lowering, until: start });
  out.push({ kind: "window-start", dueAt: start, until: end });
  const restore = new Date(end.getTime() + (r ? r.requiredOverlapSeconds * 1000 : 0));
  out.push({ kind: "restore-ttls", dueAt: restore, until: new Date(restore.getTime() + RESTORE_GRACE_MS) });
  return out;
}

/** The reminders to send at `now`: due, and not yet past their use. */
export function dueReminders(planned: readonly PlannedReminder[], now: Date): PlannedReminder[] {
  return planned.filter((p) => p.dueAt.getTime() <= now.getTime() && now.getTime() < p.until.getTime());
}
