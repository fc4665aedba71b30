import { describe, expect, test } from "vitest";
import { computeTiming, type TimingInputs } from "./timing";
import {
  labelWidth,
  layoutTimeline,
  stackTopLabels,
  timeScale,
  timelineBands,
  timelineTicks,
  type TimelineInput,
} from "./timeline";

const BERLIN = "Europe/Berlin";
const d = (iso: string) => new Date(iso);
const iso = (t: Date) => t.toISOString();

const timing: TimingInputs = {
  parentNsTtl: 172800,
  childNsTtl: 3600,
  maxRecordTtl: 86400,
  negativeTtl: 300,
  dsTtl: null,
  dsChanges: false,
  marginSeconds: 3600,
};
const plan = computeTiming(timing); // overlap 176400 s, minimum 176400 s, lead 90000 s

function input(over: Partial<TimelineInput> = {}): TimelineInput {
  return {
    start: d("2026-11-10T08:00:00Z"),
    end: d("2026-11-12T11:00:00Z"),
    ttlLoweringAt: d("2026-11-08T08:00:00Z"),
    minimumWindowSeconds: plan.minimumWindowSeconds,
    requiredOverlapSeconds: plan.requiredOverlapSeconds,
    ttlLoweringLeadSeconds: plan.ttlLoweringLeadSeconds,
    oldServersKeptUntil: null,
    now: d("2026-11-09T12:00:00Z"),
    displayTimeZone: BERLIN,
    ownerTimeZone: BERLIN,
    plotLeft: 100,
    plotWidth: 800,
    ...over,
  };
}

describe("timeScale", () => {
  test("maps the range linearly onto the plot", () => {
    const x = timeScale({
      rangeStart: d("2026-01-01T00:00:00Z"),
      rangeEnd: d("2026-01-02T00:00:00Z"),
      left: 100,
      width: 800,
    });
    expect(x(d("2026-01-01T00:00:00Z"))).toBe(100);
    expect(x(d("2026-01-01T06:00:00Z"))).toBe(300);
    expect(x(d("2026-01-02T00:00:00Z"))).toBe(900);
  });
});

describe("timelineTicks across DST", () => {
  test("Berlin, clocks go back on 25 Oct 2026: ticks stay on local midnights and that day is 25 h long", () => {
    const rangeStart = d("2026-10-23T12:00:00Z");
    const rangeEnd = d("2026-10-27T12:00:00Z");
    const x = timeScale({ rangeStart, rangeEnd, left: 0, width: 96 * 10 }); // 10 units per hour
    const ticks = timelineTicks({ rangeStart, rangeEnd, timeZone: BERLIN, x });
    const days = ticks.filter((t) => t.kind === "day");
    expect(days.map((t) => [iso(t.at), t.label])).toEqual([
      ["2026-10-23T22:00:00.000Z", "Sat 24 Oct"],
      ["2026-10-24T22:00:00.000Z", "Sun 25 Oct"],
      ["2026-10-25T23:00:00.000Z", "Mon 26 Oct"],
      ["2026-10-26T23:00:00.000Z", "Tue 27 Oct"],
    ]);
    expect(days.map((t) => t.x)).toEqual([100, 340, 590, 830]);
    // 4-day range: hour ticks every 6 local hours, on the local clock after the change too.
    const sunday = ticks.filter((t) => t.kind === "hour" && t.at > days[1].at && t.at < days[2].at);
    expect(sunday.map((t) => [iso(t.at), t.label])).toEqual([
      ["2026-10-25T05:00:00.000Z", "06:00"],
      ["2026-10-25T11:00:00.000Z", "12:00"],
      ["2026-10-25T17:00:00.000Z", "18:00"],
    ]);
  });

  test("New York, clocks go forward on 8 Mar 2026: a 23 h day, no tick on the skipped hour", () => {
    const rangeStart = d("2026-03-07T12:00:00Z");
    const rangeEnd = d("2026-03-08T18:00:00Z"); // 30 h: hour ticks every 3 h
    const x = timeScale({ rangeStart, rangeEnd, left: 0, width: 820 });
    const ticks = timelineTicks({ rangeStart, rangeEnd, timeZone: "America/New_York", x });
    expect(ticks.filter((t) => t.kind === "day").map((t) => iso(t.at))).toEqual(["2026-03-08T05:00:00.000Z"]);
    const march8 = ticks.filter((t) => t.kind === "hour" && t.at > d("2026-03-08T05:00:00Z"));
    // 03:00 EDT is 07:00Z, only two hours after midnight EST.
    expect(march8.map((t) => [iso(t.at), t.label])).toEqual([
      ["2026-03-08T07:00:00.000Z", "03:00"],
      ["2026-03-08T10:00:00.000Z", "06:00"],
      ["2026-03-08T13:00:00.000Z", "09:00"],
      ["2026-03-08T16:00:00.000Z", "12:00"],
    ]);
  });

  test("long ranges tick weekly", () => {
    const rangeStart = d("2026-01-01T00:00:00Z");
    const rangeEnd = d("2026-01-30T00:00:00Z");
    const ticks = timelineTicks({
      rangeStart,
      rangeEnd,
      timeZone: "UTC",
      x: timeScale({ rangeStart, rangeEnd, left: 0, width: 820 }),
    });
    expect(ticks.map((t) => t.label)).toEqual(["Thu 1 Jan", "Thu 8 Jan", "Thu 15 Jan", "Thu 22 Jan", "Thu 29 Jan"]);
  });

  test("day and hour labels keep their distance on any plot width: fewer ticks rather than overlapping labels", () => {
    for (const [from, to] of [
      ["2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z"],
      ["2026-01-01T00:00:00Z", "2026-01-14T00:00:00Z"],
      ["2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z"],
    ]) {
      for (const width of [820, 400, 100]) {
        const ticks = timelineTicks({
          rangeStart: d(from),
          rangeEnd: d(to),
          timeZone: "UTC",
          x: timeScale({ rangeStart: d(from), rangeEnd: d(to), left: 0, width }),
        });
        for (const kind of ["day", "hour"] as const) {
          const xs = ticks.filter((t) => t.kind === kind).map((t) => t.x);
          const need = kind === "day" ? labelWidth("Wed 25 Nov", 12, true) : labelWidth("06:00", 10);
          for (let i = 1; i < xs.length; i++)
            expect(xs[i] - xs[i - 1], `${from}..${to} at ${width}: ${kind}`).toBeGreaterThan(need);
        }
      }
    }
  });

  test("labels above the plot are kept inside it and stacked when they would overlap", () => {
    const near = stackTopLabels({
      labels: [
        { id: "retire", x: 500, anchor: "end", text: "retire old servers ▸", fontSize: 11 },
        { id: "now", x: 480, anchor: "middle", text: "revision created", fontSize: 11, bold: true },
      ],
      left: 150,
      right: 970,
    });
    expect(near.map((l) => [l.id, l.row])).toEqual([
      ["now", 0],
      ["retire", 1],
    ]);
    const apart = stackTopLabels({
      labels: [
        { id: "retire", x: 900, anchor: "end", text: "retire old servers ▸", fontSize: 11 },
        { id: "now", x: 200, anchor: "middle", text: "Now", fontSize: 11, bold: true },
      ],
      left: 150,
      right: 970,
    });
    expect(apart.every((l) => l.row === 0)).toBe(true);
    // A label at the very left is moved right so it starts inside the plot.
    const [edge] = stackTopLabels({
      labels: [{ id: "now", x: 150, anchor: "middle", text: "revision created", fontSize: 11, bold: true }],
      left: 150,
      right: 970,
    });
    expect(edge.x - labelWidth("revision created", 11, true) / 2).toBeGreaterThanOrEqual(150);
  });
});

describe("timelineBands", () => {
  test("weekend days are whole local days of the owner's zone, including the 25 h Sunday; holidays win over weekends", () => {
    const rangeStart = d("2026-10-23T12:00:00Z");
    const rangeEnd = d("2026-10-26T12:00:00Z");
    const x = timeScale({ rangeStart, rangeEnd, left: 0, width: 72 });
    const bands = timelineBands({
      rangeStart,
      rangeEnd,
      timeZone: BERLIN,
      holidays: [{ date: "2026-10-24", name: "Test Day" }],
      weekendDays: [0, 6],
      x,
    });
    expect(bands).toEqual([
      { x0: 10, x1: 34, date: "2026-10-24", kind: "holiday", label: "Holiday 2026-10-24: Test Day" },
      { x0: 34, x1: 59, date: "2026-10-25", kind: "weekend", label: "Weekend Sun 2026-10-25" },
    ]);
  });

  test("bands are clipped to the range", () => {
    const rangeStart = d("2026-10-24T10:00:00Z");
    const rangeEnd = d("2026-10-24T20:00:00Z");
    const bands = timelineBands({
      rangeStart,
      rangeEnd,
      timeZone: "UTC",
      holidays: [],
      weekendDays: [0, 6],
      x: timeScale({ rangeStart, rangeEnd, left: 0, width: 10 }),
    });
    expect(bands.map((b) => [b.x0, b.x1])).toEqual([[0, 10]]);
  });
});

describe("layoutTimeline", () => {
  test("a plan that meets every requirement", () => {
    const l = layoutTimeline(input({ oldServersKeptUntil: d("2026-11-15T00:00:00Z") }));
    const seg = Object.fromEntries(l.segments.map((s) => [s.id, s]));
    expect(iso(seg["ttl-lead"].from)).toBe("2026-11-09T07:00:00.000Z"); // start − 90000 s
    expect(iso(seg["overlap"].to)).toBe("2026-11-14T12:00:00.000Z"); // end + 176400 s
    expect(iso(seg["minimum-window"].to)).toBe("2026-11-12T09:00:00.000Z");
    expect(seg["window"].status).toBe("ok");
    expect(seg["planned-overlap"].status).toBe("ok");
    expect(l.checks).toEqual([
      { id: "ttl-lowering", ok: true, text: "TTL lowering 2 d before the start ≥ 1 d 1 h needed" },
      { id: "window-length", ok: true, text: "Window 2 d 3 h planned ≥ 2 d 1 h minimum" },
      { id: "overlap", ok: true, text: "Overlap 2 d 13 h planned ≥ 2 d 1 h required" },
    ]);
    // Range: from the planned lowering to the planned retirement, 5 % air each side.
    const span = d("2026-11-15T00:00:00Z").getTime() - d("2026-11-08T08:00:00Z").getTime();
    expect(l.rangeStart.getTime()).toBe(d("2026-11-08T08:00:00Z").getTime() - span * 0.05);
    expect(l.markers.find((m) => m.id === "now")?.at).toEqual(d("2026-11-09T12:00:00Z"));
    expect(l.nowOutside).toBeNull();
    // Sun 8 Nov (the range starts there, 5 % before the lowering) and 14/15 Nov 2026 are weekend days in Berlin.
    expect(l.bands.map((b) => b.date)).toEqual(["2026-11-08", "2026-11-14", "2026-11-15"]);
    expect(l.markers.find((m) => m.id === "start")!.x).toBeGreaterThan(
      l.markers.find((m) => m.id === "ttl-lowering")!.x,
    );
  });

  test("too short window, late lowering and short overlap are marked", () => {
    const l = layoutTimeline(
      input({
        end: d("2026-11-11T08:00:00Z"),
        ttlLoweringAt: d("2026-11-10T02:00:00Z"),
        oldServersKeptUntil: d("2026-11-12T08:00:00Z"),
      }),
    );
    expect(l.segments.find((s) => s.id === "window")!.status).toBe("short");
    expect(l.segments.find((s) => s.id === "planned-overlap")!.status).toBe("short");
    expect(l.markers.find((m) => m.id === "ttl-lowering")!.status).toBe("short");
    expect(l.checks).toEqual([
      { id: "ttl-lowering", ok: false, text: "TTL lowering too late: 6 h before the start, at least 1 d 1 h needed" },
      { id: "window-length", ok: false, text: "Window too short: 1 d planned, at least 2 d 1 h needed" },
      {
        id: "overlap",
        ok: false,
        text: "Overlap too short: old servers kept 1 d after the window, at least 2 d 1 h needed",
      },
    ]);
  });

  test("without measured TTLs only the planned window is drawn; far-away now is an arrow", () => {
    const l = layoutTimeline(
      input({
        minimumWindowSeconds: null,
        requiredOverlapSeconds: null,
        ttlLoweringLeadSeconds: null,
        ttlLoweringAt: null,
        now: d("2026-01-01T00:00:00Z"),
      }),
    );
    expect(l.segments.map((s) => s.id)).toEqual(["window"]);
    expect(l.nowOutside).toBe("before");
    expect(l.markers.map((m) => m.id)).toEqual(["start", "end"]);
    expect(l.checks.map((c) => c.ok)).toEqual([false, null]);
    expect(l.checks[0].text).toBe("TTL lowering not planned");
  });

  test("labels follow the display zone while weekends follow the owner's zone", () => {
    const l = layoutTimeline(input({ displayTimeZone: "America/New_York", ownerTimeZone: "Asia/Tokyo" }));
    expect(l.ticks.filter((t) => t.kind === "day").map((t) => iso(t.at))[0]).toBe("2026-11-08T05:00:00.000Z");
    // Saturday 14 Nov in Tokyo starts at 13 Nov 15:00Z.
    const x = timeScale({ rangeStart: l.rangeStart, rangeEnd: l.rangeEnd, left: l.plotLeft, width: l.plotWidth });
    const sat = l.bands.find((b) => b.date === "2026-11-14");
    expect(sat).toMatchObject({ kind: "weekend", x0: x(d("2026-11-13T15:00:00Z")), x1: x(d("2026-11-14T15:00:00Z")) });
  });
});
