/**
 * Wall-clock time in an IANA time zone, with the platform's tz database via
 * Intl (no Temporal in Node 20). Instants are always UTC; local time is only
 * for display and for weekend/holiday checks.
 */
export interface LocalDateTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Local wall-clock fields of an instant. */
export function toLocal(instant: Date, timeZone: string): Required<LocalDateTime> {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function localAsUtcMs(l: LocalDateTime): number {
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second ?? 0);
}

/** UTC offset in milliseconds at an instant (local − UTC). */
export function offsetMs(instant: Date, timeZone: string): number {
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return localAsUtcMs(toLocal(new Date(whole), timeZone)) - whole;
}

/**
 * The instant a wall-clock time denotes. Ambiguous times (the repeated hour
 * when clocks go back) resolve to the earlier instant; times that do not exist
 * (skipped when clocks go forward) move forward by the gap — the same rule as
 * Temporal's "compatible" disambiguation.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const wall = localAsUtcMs(local);
  const day = 86_400_000;
  const before = offsetMs(new Date(wall - day), timeZone);
  const after = offsetMs(new Date(wall + day), timeZone);
  const matches = [...new Set([before, after])]
    .map((o) => wall - o)
    .filter((t) => localAsUtcMs(toLocal(new Date(t), timeZone)) === wall)
    .sort((a, b) => a - b);
  return new Date(matches.length > 0 ? matches[0] : wall - before);
}

/** Calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  const l = toLocal(instant, timeZone);
  return `${l.year}-${String(l.month).padStart(2, "0")}-${String(l.day).padStart(2, "0")}`;
}

/** Every local calendar date touched by [start, end). */
export function localDatesCovered({ start, end, timeZone }: { start: Date; end: Date; timeZone: string }): string[] {
  const first = localDate(start, timeZone);
  const last = localDate(new Date(Math.max(start.getTime(), end.getTime() - 1)), timeZone);
  const dates: string[] = [];
  for (let d = new Date(`${first}T00:00:00Z`); ; d = new Date(d.getTime() + 86_400_000)) {
    const iso = d.toISOString().slice(0, 10);
    dates.push(iso);
    if (iso >= last) break;
  }
  return dates;
}

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** "2026-10-25 06:00 GMT+1" — local time with its offset, for people reading a plan. */
export function formatLocal(instant: Date, timeZone: string): string {
  const l = toLocal(instant, timeZone);
  const off = offsetMs(instant, timeZone) / 60_000;
  const sign = off < 0 ? "-" : "+";
  const abs = Math.abs(off);
  const offText = `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${l.year}-${pad(l.month)}-${pad(l.day)} ${pad(l.hour)}:${pad(l.minute)} ${timeZone} (${offText})`;
}
