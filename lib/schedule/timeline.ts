/**
 * Layout of the schedule timeline picture ("the UI explains the
 * arithmetic"): a linear time scale, ticks at local midnights (or hours) of
 * the display zone, weekend/holiday bands judged in the owner's zone, and the
 * segments of the plan. Pure data in viewBox units; the React component only
 * draws it. Local midnights come from fromLocal, so a DST change inside the
 * range gives a 23- or 25-hour day instead of a shifted tick.
 */
import { formatDuration } from "./duration";
import { fromLocal, localDate, toLocal, weekdayOf } from "./zoned-time";

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Label widths in viewBox units, estimated from the font (lib has no text
 * metrics): ~0.62 em per character in the sans-serif the picture uses, bold a
 * little wider. A day label ("Wed 25 Nov", 12 px bold) takes ~80 units with
 * its offset and a gap; an hour label ("06:00", 10 px) ~36.
 */
export function labelWidth(text: string, fontSize: number, bold = false): number {
  return [...text].length * fontSize * (bold ? 0.66 : 0.62);
}
const DAY_LABEL_SPACE = labelWidth("Wed 25 Nov", 12, true) + 10;
const HOUR_LABEL_SPACE = labelWidth("06:00", 10) + 8;

export interface TopLabel {
  id: string;
  /** Where the label points (a marker's x). */
  x: number;
  anchor: "start" | "middle" | "end";
  text: string;
  fontSize: number;
  bold?: boolean;
}

/**
 * Labels above the plot (now, retire, "now is later"), kept inside
 * [left, right] and stacked into rows so none overlaps another: each goes to
 * the first row where it clears every label already there.
 */
export function stackTopLabels({
  labels,
  left,
  right,
  gap = 6,
}: {
  labels: readonly TopLabel[];
  left: number;
  right: number;
  gap?: number;
}): (TopLabel & { x: number; row: number })[] {
  const placed: { x0: number; x1: number; row: number }[] = [];
  const out: (TopLabel & { x: number; row: number })[] = [];
  const sorted = [...labels].sort((a, b) => a.x - b.x);
  for (const l of sorted) {
    const w = labelWidth(l.text, l.fontSize, l.bold);
    let x0 = l.anchor === "start" ? l.x : l.anchor === "middle" ? l.x - w / 2 : l.x - w;
    x0 = Math.min(Math.max(x0, left), right - w);
    const x1 = x0 + w;
    let row = 0;
    while (placed.some((p) => p.row === row && x0 < p.x1 + gap && p.x0 < x1 + gap)) row++;
    placed.push({ x0, x1, row });
    // Drawn with the label's own anchor at the clamped position.
    const x = l.anchor === "start" ? x0 : l.anchor === "middle" ? x0 + w / 2 : x1;
    out.push({ ...l, x, row });
  }
  return out;
}

export interface TimelineInput {
  start: Date;
  end: Date;
  /** Planned TTL-lowering step; null when not planned. */
  ttlLoweringAt: Date | null;
  /** From the measured TTLs; all null when no live check has run yet. */
  minimumWindowSeconds: number | null;
  requiredOverlapSeconds: number | null;
  ttlLoweringLeadSeconds: number | null;
  /** Planned end of the overlap (operations plan "old zone kept until"); null when not planned. */
  oldServersKeptUntil: Date | null;
  now: Date;
  /** Labels and ticks: the viewer's zone. */
  displayTimeZone: string;
  /** Weekends and holidays are judged in the owner's zone (as checkSchedule does). */
  ownerTimeZone: string;
  /** Holidays (owner's local dates) to shade when they fall in range. */
  holidays?: readonly { date: string; name: string }[];
  /** 0 = Sunday; default Saturday and Sunday. */
  weekendDays?: readonly number[];
  /** viewBox geometry of the plot area. */
  plotLeft?: number;
  plotWidth?: number;
}

export interface TimelineTick {
  x: number;
  at: Date;
  /** Local label in the display zone, e.g. "Sun 25 Oct" or "06:00". */
  label: string;
  /** Local midnight (day boundary) or an hour tick inside a day. */
  kind: "day" | "hour";
}

export interface TimelineBand {
  x0: number;
  x1: number;
  date: string;
  kind: "weekend" | "holiday";
  label: string;
}

export type SegmentId = "ttl-lead" | "window" | "minimum-window" | "overlap" | "planned-overlap";
export type SegmentStatus = "ok" | "short" | "info";

export interface TimelineSegment {
  id: SegmentId;
  x0: number;
  x1: number;
  from: Date;
  to: Date;
  status: SegmentStatus;
  label: string;
}

export type MarkerId = "ttl-lowering" | "latest-ttl-lowering" | "start" | "end" | "retire" | "now";

export interface TimelineMarker {
  id: MarkerId;
  x: number;
  at: Date;
  label: string;
  status: SegmentStatus;
}

export interface TimelineCheck {
  id: "window-length" | "overlap" | "ttl-lowering";
  ok: boolean | null;
  text: string;
}

export interface TimelineLayout {
  rangeStart: Date;
  rangeEnd: Date;
  plotLeft: number;
  plotWidth: number;
  ticks: TimelineTick[];
  bands: TimelineBand[];
  segments: TimelineSegment[];
  markers: TimelineMarker[];
  /** Where "now" lies when it is outside the range. */
  nowOutside: "before" | "after" | null;
  /** Planned against required, in words (the picture's text equivalent). */
  checks: TimelineCheck[];
}

/** Linear map from instants to x in [left, left + width]. */
export function timeScale({
  rangeStart,
  rangeEnd,
  left,
  width,
}: {
  rangeStart: Date;
  rangeEnd: Date;
  left: number;
  width: number;
}): (t: Date) => number {
  const t0 = rangeStart.getTime();
  const span = Math.max(1, rangeEnd.getTime() - t0);
  return (t) => round2(left + ((t.getTime() - t0) / span) * width);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

function midnight(date: string, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number);
  return fromLocal({ year, month, day, hour: 0, minute: 0 }, timeZone);
}

const WEEKDAY = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTH = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const dayLabel = (date: string) =>
  `${WEEKDAY[weekdayOf(date)]} ${Number(date.slice(8, 10))} ${MONTH[Number(date.slice(5, 7)) - 1]}`;

/**
 * Ticks at local midnights of `timeZone` inside [rangeStart, rangeEnd]; every
 * `dayStep` days when the range is long, plus hour ticks every `hourStep`
 * local hours when it is short.
 */
export function timelineTicks(options: {
  rangeStart: Date;
  rangeEnd: Date;
  timeZone: string;
  x: (t: Date) => number;
}): TimelineTick[] {
  const { rangeStart, rangeEnd, timeZone, x } = options;
  const days = (rangeEnd.getTime() - rangeStart.getTime()) / DAY;
  // Steps from the space a label needs, not from the range alone, so day labels never run into each other.
  const pxPerDay = Math.abs(x(new Date(rangeStart.getTime() + DAY)) - x(rangeStart));
  const baseDayStep = days <= 14 ? 1 : days <= 42 ? 7 : Math.ceil(days / 8);
  const dayStep =
    [baseDayStep, ...[2, 3, 7, 14, 28].filter((n) => n > baseDayStep)].find((n) => n * pxPerDay >= DAY_LABEL_SPACE) ??
    Math.ceil(DAY_LABEL_SPACE / Math.max(pxPerDay, 1e-9));
  const baseHourStep = days <= 1.5 ? 3 : days <= 4 ? 6 : days <= 8 ? 12 : 0;
  const hourStep =
    baseHourStep === 0
      ? 0
      : ([3, 6, 12].filter((n) => n >= baseHourStep).find((n) => (n / 24) * pxPerDay >= HOUR_LABEL_SPACE) ?? 0);
  const ticks: TimelineTick[] = [];
  const inRange = (t: Date) => t >= rangeStart && t <= rangeEnd;
  const last = addDays(localDate(rangeEnd, timeZone), 1);
  for (let d = localDate(rangeStart, timeZone), i = 0; d <= last && i < 400; d = addDays(d, 1), i++) {
    const m = midnight(d, timeZone);
    if (i % dayStep === 0 && inRange(m)) ticks.push({ x: x(m), at: m, label: dayLabel(d), kind: "day" });
    if (hourStep === 0) continue;
    const [year, month, day] = d.split("-").map(Number);
    for (let h = hourStep; h < 24; h += hourStep) {
      const t = fromLocal({ year, month, day, hour: h, minute: 0 }, timeZone);
      // A skipped hour (spring forward) lands on the next one; never draw it twice.
      if (!inRange(t) || toLocal(t, timeZone).hour !== h) continue;
      ticks.push({ x: x(t), at: t, label: `${String(h).padStart(2, "0")}:00`, kind: "hour" });
    }
  }
  return ticks.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Weekend and holiday days of the owner's zone that overlap the range, clipped to it. */
export function timelineBands(options: {
  rangeStart: Date;
  rangeEnd: Date;
  timeZone: string;
  holidays: readonly { date: string; name: string }[];
  weekendDays: readonly number[];
  x: (t: Date) => number;
}): TimelineBand[] {
  const { rangeStart, rangeEnd, timeZone, x } = options;
  const weekend = new Set(options.weekendDays);
  const holidayNames = new Map<string, string[]>();
  for (const h of options.holidays) holidayNames.set(h.date, [...(holidayNames.get(h.date) ?? []), h.name]);
  const bands: TimelineBand[] = [];
  const last = localDate(rangeEnd, timeZone);
  for (let d = localDate(rangeStart, timeZone), i = 0; d <= last && i < 400; d = addDays(d, 1), i++) {
    const names = holidayNames.get(d);
    const isWeekend = weekend.has(weekdayOf(d));
    if (!names && !isWeekend) continue;
    const from = new Date(Math.max(midnight(d, timeZone).getTime(), rangeStart.getTime()));
    const to = new Date(Math.min(midnight(addDays(d, 1), timeZone).getTime(), rangeEnd.getTime()));
    if (to <= from) continue;
    bands.push({
      x0: x(from),
      x1: x(to),
      date: d,
      kind: names ? "holiday" : "weekend",
      label: names ? `Holiday ${d}: ${names.join(", ")}` : `Weekend ${WEEKDAY[weekdayOf(d)]} ${d}`,
    });
  }
  return bands;
}

/** Everything the timeline draws, in viewBox units. */
export function layoutTimeline(input: TimelineInput): TimelineLayout {
  const plotLeft = input.plotLeft ?? 0;
  const plotWidth = input.plotWidth ?? 1000;
  const { start, end, now } = input;
  const ms = (s: number | null) => (s === null ? null : s * 1000);
  const lead = ms(input.ttlLoweringLeadSeconds);
  const overlap = ms(input.requiredOverlapSeconds);
  const minimum = ms(input.minimumWindowSeconds);
  const latestLowering = lead === null ? null : new Date(start.getTime() - lead);
  const retire = overlap === null ? null : new Date(end.getTime() + overlap);
  const minimumEnd = minimum === null ? null : new Date(start.getTime() + minimum);

  // The range covers every planned and required instant, with 5 % air on each side.
  const instants = [
    start,
    end,
    input.ttlLoweringAt,
    latestLowering,
    retire,
    minimumEnd,
    input.oldServersKeptUntil,
  ].filter((t): t is Date => t !== null);
  const lo = Math.min(...instants.map((t) => t.getTime()));
  const hi = Math.max(...instants.map((t) => t.getTime()));
  const pad = Math.max(HOUR, (hi - lo) * 0.05);
  let rangeStart = new Date(lo - pad);
  let rangeEnd = new Date(hi + pad);
  // "Now" widens the range when it is close (within half the span); further away it only gets an arrow.
  const span = rangeEnd.getTime() - rangeStart.getTime();
  if (now < rangeStart && rangeStart.getTime() - now.getTime() <= span / 2) rangeStart = new Date(now.getTime() - pad);
  if (now > rangeEnd && now.getTime() - rangeEnd.getTime() <= span / 2) rangeEnd = new Date(now.getTime() + pad);
  const x = timeScale({ rangeStart, rangeEnd, left: plotLeft, width: plotWidth });
  // People read durations, not seconds: the picture says "2 d 1 h".
  const f = (s: number) => formatDuration(Math.round(s));

  const durationSeconds = (end.getTime() - start.getTime()) / 1000;
  const tooShort = input.minimumWindowSeconds !== null && durationSeconds < input.minimumWindowSeconds;
  const segments: TimelineSegment[] = [];
  const markers: TimelineMarker[] = [];
  const checks: TimelineCheck[] = [];
  const seg = (id: SegmentId, from: Date, to: Date, status: SegmentStatus, label: string) =>
    segments.push({ id, x0: x(from), x1: x(to), from, to, status, label });
  const mark = (id: MarkerId, at: Date, status: SegmentStatus, label: string) =>
    markers.push({ id, x: x(at), at, status, label });

  // TTL lowering: at least one old TTL (+ margin) before the start.
  const loweringLate = input.ttlLoweringAt !== null && latestLowering !== null && input.ttlLoweringAt > latestLowering;
  if (latestLowering !== null) {
    seg(
      "ttl-lead",
      latestLowering,
      start,
      "info",
      `Lower TTLs at least ${f(input.ttlLoweringLeadSeconds!)} (old TTL + margin) before the start`,
    );
    mark("latest-ttl-lowering", latestLowering, "info", "Lower TTLs by");
  }
  if (input.ttlLoweringAt !== null)
    mark("ttl-lowering", input.ttlLoweringAt, loweringLate ? "short" : "ok", "TTL lowering planned");
  if (input.ttlLoweringAt === null) {
    checks.push({
      id: "ttl-lowering",
      ok: false,
      text: `TTL lowering not planned${lead === null ? "" : `: it must happen at least ${f(lead / 1000)} before the start`}`,
    });
  } else if (lead === null) {
    checks.push({
      id: "ttl-lowering",
      ok: null,
      text: "TTL lowering planned; the required lead is unknown until a live check measures the TTLs",
    });
  } else {
    const planned = (start.getTime() - input.ttlLoweringAt.getTime()) / 1000;
    checks.push({
      id: "ttl-lowering",
      ok: !loweringLate,
      text: loweringLate
        ? `TTL lowering too late: ${planned > 0 ? f(planned) : "no time"} before the start, at least ${f(lead / 1000)} needed`
        : `TTL lowering ${f(planned)} before the start ≥ ${f(lead / 1000)} needed`,
    });
  }

  // The window against its minimum length.
  seg("window", start, end, tooShort ? "short" : "ok", `Window, planned ${f(Math.max(0, durationSeconds))}`);
  mark("start", start, "info", "Window starts");
  mark("end", end, "info", "Window ends");
  if (minimumEnd !== null)
    seg("minimum-window", start, minimumEnd, "info", `Minimum window ${f(input.minimumWindowSeconds!)}`);
  checks.push(
    input.minimumWindowSeconds === null
      ? {
          id: "window-length",
          ok: null,
          text: `Window ${f(Math.max(0, durationSeconds))}; the minimum is unknown until a live check measures the TTLs`,
        }
      : {
          id: "window-length",
          ok: !tooShort,
          text: tooShort
            ? `Window too short: ${f(Math.max(0, durationSeconds))} planned, at least ${f(input.minimumWindowSeconds)} needed`
            : `Window ${f(durationSeconds)} planned ≥ ${f(input.minimumWindowSeconds)} minimum`,
        },
  );

  // The overlap: old servers keep serving until window end + required overlap.
  if (retire !== null) {
    seg(
      "overlap",
      end,
      retire,
      "info",
      `Old servers must keep serving for ${f(input.requiredOverlapSeconds!)} after the window ends`,
    );
    mark("retire", retire, "info", "Old servers may be retired");
  }
  if (input.oldServersKeptUntil !== null) {
    const overlapShort = retire !== null && input.oldServersKeptUntil < retire;
    const planned = (input.oldServersKeptUntil.getTime() - end.getTime()) / 1000;
    seg(
      "planned-overlap",
      end,
      new Date(Math.max(end.getTime(), input.oldServersKeptUntil.getTime())),
      overlapShort ? "short" : "ok",
      `Old servers kept, planned ${f(Math.max(0, planned))}`,
    );
    if (overlap !== null) {
      checks.push({
        id: "overlap",
        ok: !overlapShort,
        text: overlapShort
          ? `Overlap too short: old servers kept ${f(Math.max(0, planned))} after the window, at least ${f(overlap / 1000)} needed`
          : `Overlap ${f(planned)} planned ≥ ${f(overlap / 1000)} required`,
      });
    }
  } else if (overlap !== null) {
    checks.push({
      id: "overlap",
      ok: null,
      text: `Old servers must keep serving ${f(overlap / 1000)} after the window ends; no date is planned for retiring them`,
    });
  }

  let nowOutside: TimelineLayout["nowOutside"] = null;
  if (now < rangeStart) nowOutside = "before";
  else if (now > rangeEnd) nowOutside = "after";
  else mark("now", now, "info", "Now");

  const ticks = timelineTicks({ rangeStart, rangeEnd, timeZone: input.displayTimeZone, x });
  const bands = timelineBands({
    rangeStart,
    rangeEnd,
    timeZone: input.ownerTimeZone,
    holidays: input.holidays ?? [],
    weekendDays: input.weekendDays ?? [0, 6],
    x,
  });
  return { rangeStart, rangeEnd, plotLeft, plotWidth, ticks, bands, segments, markers, nowOutside, checks };
}
