import { describe, expect, test } from "vitest";
import { dueReminders, planReminders, RESTORE_GRACE_MS } from "./reminders";
import type { WindowRuleInputs } from "./timing";

const window = { start: "2026-12-08T08:00:00.000Z", end: "2026-12-08T12:00:00.000Z", ttlLoweringAt: null };
// NS TTL 2 d at the parent, records at most 1 h, margin 1 h: overlap 2 d 1 h, lowering lead 2 h.
const rule: WindowRuleInputs = {
  parentNsTtl: 172800,
  childNsTtl: 3600,
  maxRecordTtl: 3600,
  negativeTtl: 300,
  dsTtl: null,
  dsChanges: false,
  marginSeconds: 3600,
};
const iso = (p: { kind: string; dueAt: Date; until: Date }) => ({
  kind: p.kind,
  dueAt: p.dueAt.toISOString(),
  until: p.until.toISOString(),
});

describe("planReminders", () => {
  test("with measured TTLs: lower one old TTL plus margin before the window, the start, restore after the overlap", () => {
    expect(planReminders(window, rule).map(iso)).toEqual([
      { kind: "lower-ttls", dueAt: "2026-12-08T06:00:00.000Z", until: "2026-12-08T08:00:00.000Z" },
      { kind: "window-start", dueAt: "2026-12-08T08:00:00.000Z", until: "2026-12-08T12:00:00.000Z" },
      { kind: "restore-ttls", dueAt: "2026-12-10T13:00:00.000Z", until: "2026-12-11T13:00:00.000Z" },
    ]);
  });

  test("a planned lowering step wins over the computed latest moment; a larger changing TTL moves the lead", () => {
    const planned = planReminders({ ...window, ttlLoweringAt: "2026-12-07T08:00:00.000Z" }, rule);
    expect(planned[0]!.dueAt.toISOString()).toBe("2026-12-07T08:00:00.000Z");
    const slow = planReminders(window, { ...rule, changingRecordsTtl: 86400 });
    expect(slow[0]!.dueAt.toISOString()).toBe("2026-12-07T07:00:00.000Z");
  });

  test("without measurements: no lowering reminder unless planned, restore at the window's end", () => {
    expect(planReminders(window, null).map((p) => [p.kind, p.dueAt.toISOString()])).toEqual([
      ["window-start", "2026-12-08T08:00:00.000Z"],
      ["restore-ttls", "2026-12-08T12:00:00.000Z"],
    ]);
    expect(planReminders({ ...window, ttlLoweringAt: "2026-12-08T07:00:00.000Z" }, null).map((p) => p.kind)).toEqual([
      "lower-ttls",
      "window-start",
      "restore-ttls",
    ]);
  });

  test("a window that ends before it starts has no reminders; a lowering planned inside the window is none", () => {
    expect(planReminders({ ...window, end: window.start }, rule)).toEqual([]);
    expect(planReminders({ ...window, ttlLoweringAt: "2026-12-08T09:00:00.000Z" }, rule).map((p) => p.kind)).toEqual([
      "window-start",
      "restore-ttls",
    ]);
  });
});

describe("dueReminders", () => {
  const planned = planReminders(window, rule);
  const at = (s: string) => dueReminders(planned, new Date(s)).map((p) => p.kind);
  test("each is due from its time until it is no longer of use", () => {
    expect(at("2026-12-08T05:59:59.999Z")).toEqual([]);
    expect(at("2026-12-08T06:00:00.000Z")).toEqual(["lower-ttls"]);
    expect(at("2026-12-08T08:00:00.000Z")).toEqual(["window-start"]);
    expect(at("2026-12-08T12:00:00.000Z")).toEqual([]);
    expect(at("2026-12-10T13:00:00.000Z")).toEqual(["restore-ttls"]);
    expect(dueReminders(planned, new Date(planned[2]!.dueAt.getTime() + RESTORE_GRACE_MS))).toEqual([]);
  });
});
