import { describe, expect, it } from "vitest";
import type { Finding } from "../checks/types";
import { carryToRun, stateToRow, statesFromRows } from "./states";

const f = (key: string): Finding => ({ id: key.split("@")[0], key, family: "INV", severity: "blocker", subject: key.split("@")[1], message: "", remediation: "", evidence: [] });
const now = new Date("2026-10-02T10:00:00Z");

describe("finding states across runs", () => {
  it("marks vanished findings fixed, reopens a fixed finding that came back, carries waivers", () => {
    const prev = {
      "A@x": { status: "waived" as const, by: "Ada", reason: "known", at: "2026-10-01T00:00:00.000Z" },
      "B@y": { status: "fixed" as const, at: "2026-10-01T00:00:00.000Z" },
      "C@z": { status: "acknowledged" as const, by: "Bo", reason: "fine", at: "2026-10-01T00:00:00.000Z" },
      "D@w": { status: "fixed" as const, at: "2026-09-01T00:00:00.000Z" },
    };
    const next = carryToRun(prev, [f("A@x"), f("B@y")], now);
    expect(next).toEqual({
      "A@x": prev["A@x"],
      "C@z": { status: "fixed", at: "2026-10-02T10:00:00.000Z" },
      "D@w": { status: "fixed", at: "2026-09-01T00:00:00.000Z" },
    });
  });
  it("round-trips through rows and ignores incomplete rows", () => {
    const s = { status: "waived" as const, by: "Ada", reason: "known", at: "2026-10-01T00:00:00.000Z" };
    expect(statesFromRows([stateToRow("A@x", s), { key: "B@y", status: "waived", by: null, reason: null, at: null }])).toEqual({ "A@x": s });
  });
});
