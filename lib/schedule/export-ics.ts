/**
 * The plan as an iCalendar file (RFC 5545) built with ical-generator: the
 * TTL-lowering step, the window, and the end of the overlap, each with
 * display reminders. Times are written in UTC ("Z" form, RFC 5545 §3.3.5
 * form #2) so no calendar has to agree with us about DST rules.
 */
import ical, { ICalAlarmType } from "ical-generator";
import type { SchedulePlan } from "./window";
import { formatLocal } from "./zoned-time";

export interface ExportIcsOptions {
  /** Stable id, so re-importing an updated plan updates the same events (UID, RFC 5545 §3.8.4.7). */
  transferId: string;
  domain: string;
  plan: SchedulePlan;
  timeZone: string;
  /** DTSTAMP; pass the revision time so the same plan always yields the same bytes. */
  stamp: Date;
  /** Reminder offsets before each event, in seconds. */
  remindersSeconds?: readonly number[];
}

const STEP_MINUTES = 30;

export function exportIcs(options: ExportIcsOptions): string {
  const { plan, domain, timeZone } = options;
  const reminders = options.remindersSeconds ?? [86_400, 3_600];
  const alarms = (what: string) =>
    reminders.map((s) => ({ type: ICalAlarmType.display, trigger: s, description: what }));
  const calendar = ical({
    name: `Cutover: ${domain}`,
    prodId: { company: "cutover", product: "cutover", language: "EN" },
  });
  const local = (d: Date) => `${d.toISOString()} = ${formatLocal(d, timeZone)}`;
  const explanation = plan.timing.steps.join("\n");

  const lowering = plan.ttlLoweringAt ?? plan.latestTtlLowering;
  calendar.createEvent({
    id: `${options.transferId}-ttl-lowering@cutover`,
    stamp: options.stamp,
    start: lowering,
    end: new Date(lowering.getTime() + STEP_MINUTES * 60_000),
    summary: `${domain}: lower TTLs before the transfer`,
    description: `${plan.ttlLoweringAt === null ? "Not planned yet: this is the latest possible time." : "Planned."}\nAt: ${local(lowering)}\nLatest: ${local(plan.latestTtlLowering)}\n\n${explanation}`,
    alarms: alarms(`${domain}: lower TTLs`),
  });
  calendar.createEvent({
    id: `${options.transferId}-window@cutover`,
    stamp: options.stamp,
    start: plan.start,
    end: plan.end,
    summary: `${domain}: transfer window`,
    description: `Start: ${local(plan.start)}\nEnd: ${local(plan.end)}\n\n${explanation}`,
    alarms: alarms(`${domain}: transfer window starts`),
  });
  calendar.createEvent({
    id: `${options.transferId}-overlap-end@cutover`,
    stamp: options.stamp,
    start: plan.overlapEnd,
    end: new Date(plan.overlapEnd.getTime() + STEP_MINUTES * 60_000),
    summary: `${domain}: overlap ends, old DNS servers may be retired`,
    description: `Old servers must keep serving until ${local(plan.overlapEnd)}.\n\n${explanation}`,
    alarms: alarms(`${domain}: overlap ends`),
  });
  return calendar.toString();
}
