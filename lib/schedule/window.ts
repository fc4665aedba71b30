/**
 * The maintenance window: stored as UTC instants plus the owner's IANA time
 * zone (used for weekend/holiday checks and display only).
 */
import { z } from "zod";
import { DEFAULT_HOLIDAY_CALENDAR, holidaysOn, type HolidayCalendar } from "./holidays";
import { partyProblems, type Party, type PartyProblem } from "./parties";
import { formatSeconds } from "./duration";
import { computeTiming, type TimingInputs, type TimingPlan } from "./timing";
import { isValidTimeZone, localDatesCovered, weekdayOf } from "./zoned-time";

const utcInstant = z.iso.datetime(); // zod's default accepts only "Z" — stored in UTC, never with an offset

export const maintenanceWindowSchema = z.object({
  start: utcInstant,
  end: utcInstant,
  /** The domain owner's time zone: weekends and holidays are judged in it. */
  timeZone: z.string().refine(isValidTimeZone, "unknown IANA time zone"),
  /** Region key of the holiday calendar (e.g. "DE"); null to skip holiday checks. */
  holidayRegion: z.string().nullable(),
  /** When the TTL-lowering step is planned; null when it is not. */
  ttlLoweringAt: utcInstant.nullable(),
});
export type MaintenanceWindow = z.infer<typeof maintenanceWindowSchema>;

export interface SchedulePlan {
  start: Date;
  end: Date;
  durationSeconds: number;
  /** Old servers may be retired from here on: window end + required overlap. */
  overlapEnd: Date;
  /** Latest moment the TTL-lowering step may happen. */
  latestTtlLowering: Date;
  /** Planned TTL lowering, or null. */
  ttlLoweringAt: Date | null;
  timing: TimingPlan;
}

export function planSchedule(window: MaintenanceWindow, timing: TimingInputs): SchedulePlan {
  const t = computeTiming(timing);
  const start = new Date(window.start);
  const end = new Date(window.end);
  return {
    start,
    end,
    durationSeconds: (end.getTime() - start.getTime()) / 1000,
    overlapEnd: new Date(end.getTime() + t.requiredOverlapSeconds * 1000),
    latestTtlLowering: new Date(start.getTime() - t.ttlLoweringLeadSeconds * 1000),
    ttlLoweringAt: window.ttlLoweringAt === null ? null : new Date(window.ttlLoweringAt),
    timing: t,
  };
}

export type ScheduleWarningCode =
  | "window-invalid"
  | "window-weekend"
  | "window-holiday"
  | "window-too-short"
  | "ttl-lowering-not-planned"
  | "ttl-lowering-too-late"
  | PartyProblem["code"];

export interface ScheduleWarning {
  code: ScheduleWarningCode;
  /** `error` only for a window that cannot be right (end not after start). */
  severity: "error" | "warning";
  message: string;
}

export interface CheckScheduleOptions {
  window: MaintenanceWindow;
  timing: TimingInputs;
  parties: readonly Party[];
  calendar?: HolidayCalendar;
  /** Days counted as weekend, 0 = Sunday; default Saturday and Sunday. */
  weekendDays?: readonly number[];
}

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Everything about the schedule that people must see before they agree to it. */
export function checkSchedule(options: CheckScheduleOptions): ScheduleWarning[] {
  const { window } = options;
  const plan = planSchedule(window, options.timing);
  const out: ScheduleWarning[] = [];
  if (plan.durationSeconds <= 0) {
    out.push({ code: "window-invalid", severity: "error", message: "the window ends before it starts" });
    return out;
  }
  const dates = localDatesCovered({ start: plan.start, end: plan.end, timeZone: window.timeZone });
  const weekend = new Set(options.weekendDays ?? [0, 6]);
  const weekendDates = dates.filter((d) => weekend.has(weekdayOf(d)));
  if (weekendDates.length > 0) {
    out.push({
      code: "window-weekend",
      severity: "warning",
      message: `the window falls on a weekend in ${window.timeZone}: ${weekendDates.map((d) => `${DAY_NAMES[weekdayOf(d)]} ${d}`).join(", ")}`,
    });
  }
  if (window.holidayRegion !== null) {
    const hits = holidaysOn({
      calendar: options.calendar ?? DEFAULT_HOLIDAY_CALENDAR,
      region: window.holidayRegion,
      dates,
    });
    if (hits.length > 0) {
      out.push({
        code: "window-holiday",
        severity: "warning",
        message: `the window falls on a holiday (${window.holidayRegion}): ${hits.map((h) => `${h.date} ${h.name}`).join(", ")}`,
      });
    }
  }
  if (plan.durationSeconds < plan.timing.minimumWindowSeconds) {
    out.push({
      code: "window-too-short",
      severity: "warning",
      message: `the window lasts ${formatSeconds(plan.durationSeconds)}, shorter than the computed minimum ${formatSeconds(plan.timing.minimumWindowSeconds)}`,
    });
  }
  if (plan.ttlLoweringAt === null) {
    out.push({
      code: "ttl-lowering-not-planned",
      severity: "warning",
      message: `no TTL-lowering step is planned; it must happen by ${plan.latestTtlLowering.toISOString()} (${formatSeconds(plan.timing.ttlLoweringLeadSeconds)} before the window)`,
    });
  } else if (plan.ttlLoweringAt > plan.latestTtlLowering) {
    out.push({
      code: "ttl-lowering-too-late",
      severity: "warning",
      message: `the TTL-lowering step at ${plan.ttlLoweringAt.toISOString()} is too late; it must happen by ${plan.latestTtlLowering.toISOString()}`,
    });
  }
  for (const p of partyProblems(options.parties)) out.push({ code: p.code, severity: "warning", message: p.message });
  return out;
}
