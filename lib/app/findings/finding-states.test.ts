import { describe, expect, it } from "vitest";
import type { Finding } from "../../checks/types";
import { carryStates, waive } from "../../checks/verdict";
import { stateToRow, statesFromRows } from "./finding-states";

const f = (key: string): Finding => ({
  id: key.split("@")[0],
  key,
  family: "INV",
  severity: "blocker",
  subject: key.split("@")[1],
  message: "",
  remediation: "",
  evidence: [{ kind: "fact", text: `${key} seen` }],
});
const now = new Date("2026-10-02T10:00:00Z");

describe("finding states across runs", () => {
  it("a fixed blocker that came back is stored as an open row, so the stored 'fixed' cannot outlive it", () => {
    const stored = statesFromRows([
      { key: "B@y", status: "fixed", by: null, reason: null, at: new Date("2026-10-01T00:00:00Z") },
    ]);
    expect(stored).toEqual({ "B@y": { status: "fixed", at: "2026-10-01T00:00:00.000Z" } });
    const next = carryStates(stored, [f("B@y")], now);
    expect(Object.entries(next).map(([k, s]) => stateToRow(k, s))).toEqual([
      { key: "B@y", status: "open", by: null, reason: null, at: null },
    ]);
  });
  it("round-trips a waiver with its fingerprint through rows and ignores incomplete rows", () => {
    const w = waive({ findings: [f("A@x")], states: {}, input: { key: "A@x", by: "Ada", reason: "known" }, now });
    if (!w.ok) throw new Error(w.message);
    const row = stateToRow("A@x", w.states["A@x"]);
    expect(row.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(statesFromRows([row, { key: "B@y", status: "waived", by: null, reason: null, at: null }])).toEqual({
      "A@x": w.states["A@x"],
    });
    // Carried while the evidence is unchanged.
    expect(carryStates(statesFromRows([row]), [f("A@x")], now)).toEqual({ "A@x": w.states["A@x"] });
  });
});
