import ICAL from "ical.js";
import { describe, expect, test } from "vitest";
import {
  checkSchedule,
  computeTiming,
  explain,
  exportIcs,
  formatLocal,
  fromLocal,
  localDatesCovered,
  negativeTtlFromSoa,
  parseHolidayIcs,
  planSchedule,
  toLocal,
  PARTY_ROLES,
  type MaintenanceWindow,
  type Party,
  type TimingInputs,
} from "./index";

const BERLIN = "Europe/Berlin";
const timing: TimingInputs = {
  parentNsTtl: 172800,
  childNsTtl: 3600,
  maxRecordTtl: 86400,
  negativeTtl: 300,
  dsTtl: 86400,
  dsChanges: true,
  marginSeconds: 3600,
};

function party(role: (typeof PARTY_ROLES)[number]): Party {
  return {
    role,
    organisation: `${role} Ltd`,
    contacts: [{ name: "Alex Example", email: "alex@example.test" }],
    escalation: { channel: "phone", target: "+49 30 1234567" },
    onCall: { confirmed: true, by: "Alex Example", at: "2026-10-01T10:00:00Z" },
  };
}
const allParties = PARTY_ROLES.map(party);

describe("zoned time across DST (Europe/Berlin, last Sunday of October 2026 = 25 Oct)", () => {
  test("CEST before, CET after", () => {
    expect(fromLocal({ year: 2026, month: 10, day: 24, hour: 22, minute: 0 }, BERLIN).toISOString()).toBe(
      "2026-10-24T20:00:00.000Z",
    );
    expect(fromLocal({ year: 2026, month: 10, day: 25, hour: 6, minute: 0 }, BERLIN).toISOString()).toBe(
      "2026-10-25T05:00:00.000Z",
    );
  });
  test("the repeated hour 02:30 resolves to the earlier instant (CEST)", () => {
    expect(fromLocal({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, BERLIN).toISOString()).toBe(
      "2026-10-25T00:30:00.000Z",
    );
  });
  test("a skipped wall time (29 Mar 2026 02:30) moves forward by the gap", () => {
    const t = fromLocal({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, BERLIN);
    expect(t.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(toLocal(t, BERLIN)).toMatchObject({ hour: 3, minute: 30 });
  });
  test("formatLocal shows the offset in force", () => {
    expect(formatLocal(new Date("2026-10-24T20:00:00Z"), BERLIN)).toBe("2026-10-24 22:00 Europe/Berlin (UTC+02:00)");
    expect(formatLocal(new Date("2026-10-25T05:00:00Z"), BERLIN)).toBe("2026-10-25 06:00 Europe/Berlin (UTC+01:00)");
    expect(formatLocal(new Date("2026-10-25T05:00:00Z"), "America/St_Johns")).toBe(
      "2026-10-25 02:30 America/St_Johns (UTC-02:30)",
    );
  });
  test("local dates covered by a window (end exclusive)", () => {
    expect(
      localDatesCovered({
        start: new Date("2026-10-24T20:00:00Z"),
        end: new Date("2026-10-25T05:00:00Z"),
        timeZone: BERLIN,
      }),
    ).toEqual(["2026-10-24", "2026-10-25"]);
    expect(
      localDatesCovered({
        start: new Date("2026-10-26T08:00:00Z"),
        end: new Date("2026-10-26T23:00:00Z"),
        timeZone: BERLIN,
      }),
    ).toEqual(["2026-10-26"]);
  });
});

describe("timing arithmetic", () => {
  test("overlap, minimum window and TTL-lowering lead from measured TTLs", () => {
    const t = computeTiming(timing);
    expect(t.requiredOverlapSeconds).toBe(172800 + 86400 + 3600);
    expect(t.minimumWindowSeconds).toBe(172800 + 86400 + 3600);
    expect(t.ttlLoweringLeadSeconds).toBe(86400 + 3600);
  });
  test("unsigned zone, DS ignored; changing-records TTL used for the lead", () => {
    const t = computeTiming({
      ...timing,
      dsTtl: null,
      dsChanges: false,
      parentNsTtl: 3600,
      childNsTtl: 7200,
      maxRecordTtl: 600,
      changingRecordsTtl: 300,
      marginSeconds: 0,
    });
    expect(t).toMatchObject({ requiredOverlapSeconds: 7200, minimumWindowSeconds: 7200, ttlLoweringLeadSeconds: 300 });
  });
  test("negative TTL is min(SOA TTL, MINIMUM) per RFC 2308 §5 and can dominate the window", () => {
    expect(negativeTtlFromSoa(3600, 86400)).toBe(3600);
    const t = computeTiming({
      ...timing,
      parentNsTtl: 60,
      childNsTtl: 60,
      maxRecordTtl: 60,
      dsChanges: false,
      negativeTtl: negativeTtlFromSoa(7200, 10800),
      marginSeconds: 0,
    });
    expect(t.minimumWindowSeconds).toBe(7200);
  });
  test("explain() spells out the arithmetic", () => {
    const steps = explain(timing);
    expect(steps[0]).toBe("NS TTL = max(parent NS TTL 172800 s (2 d), child NS TTL 3600 s (1 h)) = 172800 s (2 d)");
    expect(steps.join("\n")).toContain(
      "Required overlap = NS TTL 172800 s (2 d) + DS TTL 86400 s (1 d) + margin 3600 s (1 h) = 262800 s (3 d 1 h)",
    );
    expect(steps.join("\n")).toContain("lower it at least 90000 s (1 d 1 h)");
  });
  test("bad input is rejected by the schema", () => {
    expect(() => computeTiming({ ...timing, parentNsTtl: -1 })).toThrow();
  });
});

describe("window across the October DST change", () => {
  const window: MaintenanceWindow = {
    start: fromLocal({ year: 2026, month: 10, day: 24, hour: 22, minute: 0 }, BERLIN).toISOString(),
    end: fromLocal({ year: 2026, month: 10, day: 25, hour: 6, minute: 0 }, BERLIN).toISOString(),
    timeZone: BERLIN,
    holidayRegion: "DE",
    ttlLoweringAt: null,
  };
  test("22:00 → 06:00 local lasts 9 hours, not 8", () => {
    const plan = planSchedule(window, timing);
    expect(plan.durationSeconds).toBe(9 * 3600);
    expect(plan.overlapEnd.toISOString()).toBe("2026-10-28T06:00:00.000Z");
    expect(plan.latestTtlLowering.toISOString()).toBe("2026-10-23T19:00:00.000Z");
  });
  test("warnings: weekend, too short, TTL lowering not planned; no holiday", () => {
    const w = checkSchedule({ window, timing, parties: allParties });
    expect(w.map((x) => x.code)).toEqual(["window-weekend", "window-too-short", "ttl-lowering-not-planned"]);
    expect(w[0].message).toBe("the window falls on a weekend in Europe/Berlin: Saturday 2026-10-24, Sunday 2026-10-25");
  });
  test("ICS parsed by ical.js: three events, UTC times right across DST, reminders", () => {
    const plan = planSchedule({ ...window, ttlLoweringAt: "2026-10-22T08:00:00Z" }, timing);
    const text = exportIcs({
      transferId: "t1",
      domain: "project.test",
      plan,
      timeZone: BERLIN,
      stamp: new Date("2026-10-01T00:00:00Z"),
    });
    const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
    const events = cal.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    expect(events.map((e) => e.uid)).toEqual([
      "t1-ttl-lowering@cutover",
      "t1-window@cutover",
      "t1-overlap-end@cutover",
    ]);
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual([
      "2026-10-22T08:00:00.000Z",
      "2026-10-24T20:00:00.000Z",
      "2026-10-28T06:00:00.000Z",
    ]);
    expect(events[1].endDate.toJSDate().toISOString()).toBe("2026-10-25T05:00:00.000Z");
    // Seen from Berlin: 22:00 CEST → 06:00 CET
    const berlin = (d: Date) => toLocal(d, BERLIN);
    expect(berlin(events[1].startDate.toJSDate())).toMatchObject({ day: 24, hour: 22 });
    expect(berlin(events[1].endDate.toJSDate())).toMatchObject({ day: 25, hour: 6 });
    for (const e of events) {
      const triggers = e.component
        .getAllSubcomponents("valarm")
        .map((a) => a.getFirstPropertyValue("trigger")!.toString());
      expect(triggers).toEqual(["-P1D", "-PT1H"]);
    }
    expect(events[1].description).toContain(
      "Start: 2026-10-24T20:00:00.000Z = 2026-10-24 22:00 Europe/Berlin (UTC+02:00)",
    );
    expect(text).toContain("DTSTAMP:20261001T000000Z");
  });
});

describe("schedule warnings", () => {
  const weekday: MaintenanceWindow = {
    start: "2026-11-03T07:00:00Z",
    end: "2026-11-06T10:00:00Z",
    timeZone: BERLIN,
    holidayRegion: "DE",
    ttlLoweringAt: "2026-11-01T12:00:00Z",
  };
  test("a clean weekday window with everyone confirmed has no warnings", () => {
    expect(checkSchedule({ window: weekday, timing, parties: allParties })).toEqual([]);
  });
  test("holiday from the default calendar (Christmas in DE), weekdays only", () => {
    const w = checkSchedule({
      window: {
        ...weekday,
        start: "2026-12-24T07:00:00Z",
        end: "2026-12-27T10:00:00Z",
        ttlLoweringAt: "2026-12-20T00:00:00Z",
      },
      timing,
      parties: allParties,
      weekendDays: [],
    });
    expect(w).toEqual([
      {
        code: "window-holiday",
        severity: "warning",
        message: "the window falls on a holiday (DE): 2026-12-25 1. Weihnachtstag, 2026-12-26 2. Weihnachtstag",
      },
    ]);
  });
  test("a custom calendar and Friday/Saturday weekend", () => {
    const calendar = { version: 1 as const, regions: { XX: [{ date: "2026-11-04", name: "Founders' Day" }] } };
    const w = checkSchedule({
      window: { ...weekday, holidayRegion: "XX" },
      timing,
      parties: allParties,
      calendar,
      weekendDays: [5, 6],
    });
    expect(w.map((x) => [x.code, x.message])).toEqual([
      ["window-weekend", "the window falls on a weekend in Europe/Berlin: Friday 2026-11-06"],
      ["window-holiday", "the window falls on a holiday (XX): 2026-11-04 Founders' Day"],
    ]);
  });
  test("TTL lowering planned too late", () => {
    const w = checkSchedule({
      window: { ...weekday, ttlLoweringAt: "2026-11-02T12:00:00Z" },
      timing,
      parties: allParties,
    });
    expect(w.map((x) => x.code)).toEqual(["ttl-lowering-too-late"]);
    expect(w[0].message).toContain("it must happen by 2026-11-02T06:00:00.000Z");
  });
  test("missing parties, contacts, escalation and on-call", () => {
    const parties: Party[] = [
      { ...party("losing-registrar"), contacts: [] },
      { ...party("gaining-registrar"), escalation: null },
      { ...party("old-dns-operator"), onCall: { confirmed: false } },
      party("new-dns-operator"),
    ];
    const w = checkSchedule({ window: weekday, timing, parties });
    expect(w.map((x) => x.code)).toEqual([
      "contacts-missing",
      "escalation-missing",
      "on-call-unconfirmed",
      "party-missing",
    ]);
    expect(w[3].message).toBe("Domain owner: no party recorded");
  });
  test("end before start is an error and stops further checks", () => {
    expect(checkSchedule({ window: { ...weekday, end: weekday.start }, timing, parties: [] })).toEqual([
      { code: "window-invalid", severity: "error", message: "the window ends before it starts" },
    ]);
  });
});

describe("holiday ICS import", () => {
  test("all-day events expand to dates; timed events are reported and ignored", () => {
    const ics = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//test//EN",
      "BEGIN:VEVENT",
      "UID:a",
      "DTSTAMP:20260101T000000Z",
      "DTSTART;VALUE=DATE:20261224",
      "DTEND;VALUE=DATE:20261227",
      "SUMMARY:Winter break",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:b",
      "DTSTAMP:20260101T000000Z",
      "DTSTART;VALUE=DATE:20260501",
      "SUMMARY:Labour Day",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:c",
      "DTSTAMP:20260101T000000Z",
      "DTSTART:20260601T100000Z",
      "SUMMARY:Meeting",
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ].join("\r\n");
    const r = parseHolidayIcs(ics);
    expect(r.holidays.map((h) => h.date)).toEqual(["2026-12-24", "2026-12-25", "2026-12-26", "2026-05-01"]);
    expect(r.problems).toEqual(["Meeting: not an all-day event, ignored"]);
    expect(parseHolidayIcs("garbage").problems).toHaveLength(1);
  });
});
