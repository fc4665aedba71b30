/**
 * Holiday calendars: dates per region, from the small bundled JSON list or
 * from an ICS feed the operator supplies (all-day VEVENTs, RFC 5545 §3.6.1).
 */
import ICAL from "ical.js";
import { z } from "zod";
import defaultHolidays from "./default-holidays.json";

const holidaySchema = z.object({ date: z.iso.date(), name: z.string().min(1) });
export const holidayCalendarSchema = z.object({
  version: z.literal(1),
  source: z.string().optional(),
  regions: z.record(z.string(), z.array(holidaySchema)),
});
export type HolidayCalendar = z.infer<typeof holidayCalendarSchema>;
export type Holiday = z.infer<typeof holidaySchema>;

/** National holidays for DE, US and GB-ENG, 2026–2027. */
export const DEFAULT_HOLIDAY_CALENDAR: HolidayCalendar = holidayCalendarSchema.parse(defaultHolidays);

/** Holidays of `region` that fall on any of `dates` (YYYY-MM-DD). */
export function holidaysOn({
  calendar,
  region,
  dates,
}: {
  calendar: HolidayCalendar;
  region: string;
  dates: readonly string[];
}): Holiday[] {
  const wanted = new Set(dates);
  return (calendar.regions[region] ?? []).filter((h) => wanted.has(h.date));
}

/**
 * Dates of every all-day event in an ICS file (multi-day events expand to each
 * day; DTEND is exclusive). Timed events and unparsable input yield nothing:
 * a holiday feed that cannot be read must not stop the schedule.
 */
export function parseHolidayIcs(text: string): { holidays: Holiday[]; problems: string[] } {
  const holidays: Holiday[] = [];
  const problems: string[] = [];
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (e) {
    return { holidays, problems: [`not a readable iCalendar file: ${(e as Error).message}`] };
  }
  for (const component of root.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    const name = event.summary || "holiday";
    if (!event.startDate?.isDate) {
      problems.push(`${name}: not an all-day event, ignored`);
      continue;
    }
    const first = event.startDate.toString();
    const endExclusive = event.endDate?.isDate ? event.endDate.toString() : first;
    for (let d = new Date(`${first}T00:00:00Z`); ; d = new Date(d.getTime() + 86_400_000)) {
      const iso = d.toISOString().slice(0, 10);
      if (iso !== first && iso >= endExclusive) break;
      holidays.push({ date: iso, name });
      if (holidays.length > 10_000) return { holidays, problems: [...problems, "too many dates, truncated"] };
    }
  }
  return { holidays, problems };
}
