import { describe, expect, it } from "vitest";
import { CHECK_IDS } from "./catalogue";
import { checkConfigSchema } from "./config";
import { runChecks } from "./run-checks";
import { input } from "./testing/build-input";
import type { Finding } from "./types";
import { acknowledge, carryStates, computeVerdict, findingFingerprint, waive } from "./verdict";

const f = (key: string, severity: Finding["severity"]): Finding => ({
  id: key.split("@")[0],
  key,
  family: "INV",
  severity,
  subject: key.split("@")[1],
  message: "m",
  remediation: "r",
  evidence: [],
});
const NOW = new Date("2026-10-02T10:00:00Z");

describe("verdict", () => {
  const findings = [
    f("INV-MISSING-AT-NEW@www A", "blocker"),
    f("SVC-DMARC@_dmarc", "warning"),
    f("TIM-OVERLAP@zone", "info"),
  ];

  it("no-go while a blocker is open; go once it is waived by a named person with a reason", () => {
    expect(computeVerdict(findings).verdict).toBe("no-go");
    expect(
      waive({
        findings,
        states: {},
        input: { key: "INV-MISSING-AT-NEW@www A", by: "", reason: "x" },
        now: NOW,
      }),
    ).toMatchObject({ ok: false, error: "invalid" });
    expect(
      waive({
        findings,
        states: {},
        input: { key: "SVC-DMARC@_dmarc", by: "Ada", reason: "known" },
        now: NOW,
      }),
    ).toMatchObject({ ok: false, error: "not-a-blocker" });
    // A typed name (the --ack file) cannot forge a line: control characters are refused.
    expect(
      waive({
        findings,
        states: {},
        input: { key: "INV-MISSING-AT-NEW@www A", by: "Ada\r\nwaived by: CEO", reason: "retired" },
        now: NOW,
      }),
    ).toMatchObject({ ok: false, error: "invalid" });
    expect(
      waive({
        findings,
        states: {},
        input: { key: "INV-MISSING-AT-NEW@www A", by: "Ada", reason: "retired\u001b[2K" },
        now: NOW,
      }),
    ).toMatchObject({ ok: false, error: "invalid" });
    const w = waive({
      findings,
      states: {},
      input: { key: "INV-MISSING-AT-NEW@www A", by: "Ada Lovelace", reason: "www is retired with the move" },
      now: NOW,
    });
    if (!w.ok) throw new Error(w.message);
    const v = computeVerdict(findings, w.states);
    expect(v.verdict).toBe("go");
    expect(v.finalisable).toBe(false);
    expect(v.pendingAcknowledgements.map((x) => x.key)).toEqual(["SVC-DMARC@_dmarc"]);
    expect(v.reasons).toEqual([
      "waived blocker INV-MISSING-AT-NEW: www A (by Ada Lovelace: www is retired with the move)",
      "warning to acknowledge SVC-DMARC: _dmarc",
    ]);
    const a = acknowledge({
      findings,
      states: w.states,
      input: { key: "SVC-DMARC@_dmarc", by: "Bob", reason: "DMARC follows next quarter" },
      now: NOW,
    });
    if (!a.ok) throw new Error(a.message);
    expect(a.states["SVC-DMARC@_dmarc"]).toEqual({
      status: "acknowledged",
      by: "Bob",
      reason: "DMARC follows next quarter",
      at: "2026-10-02T10:00:00.000Z",
      fingerprint: findingFingerprint(findings[1]),
    });
    expect(computeVerdict(findings, a.states).finalisable).toBe(true);
  });

  it("a re-run marks vanished findings fixed and keeps the rest", () => {
    const states = carryStates(
      {
        "A@x": { status: "acknowledged", by: "b", reason: "why", at: "t" },
        "B@y": { status: "waived", by: "b", reason: "why", at: "t" },
      },
      [f("A@x", "warning")],
      NOW,
    );
    expect(states).toEqual({
      "A@x": { status: "acknowledged", by: "b", reason: "why", at: "t" },
      "B@y": { status: "fixed", at: "2026-10-02T10:00:00.000Z" },
    });
  });
});

describe("carrying states to a new run", () => {
  const ev = (text: string) => [{ kind: "answer" as const, snapshot: "old" as const, answer: 3, text }];
  const blocker = (text: string): Finding => ({
    ...f("DEL-SOA-SERIAL@ns2.oldhost.test.", "blocker"),
    evidence: ev(text),
  });

  it("a fixed blocker that shows up again is open again and blocks", () => {
    const fixed = carryStates({}, [], NOW);
    expect(fixed).toEqual({});
    const gone = carryStates({ "DEL-SOA-SERIAL@ns2.oldhost.test.": { status: "open" } }, [], NOW);
    expect(gone).toEqual({ "DEL-SOA-SERIAL@ns2.oldhost.test.": { status: "fixed", at: "2026-10-02T10:00:00.000Z" } });
    const back = carryStates(gone, [blocker("serial 41")], new Date("2026-10-03T10:00:00Z"));
    expect(back).toEqual({ "DEL-SOA-SERIAL@ns2.oldhost.test.": { status: "open" } });
    expect(computeVerdict([blocker("serial 41")], back).verdict).toBe("no-go");
  });

  it("a blocker gone twice keeps the time it was first seen fixed", () => {
    const first = { "A@x": { status: "fixed" as const, at: "2026-10-01T00:00:00.000Z" } };
    expect(carryStates(first, [], NOW)).toEqual(first);
  });

  it("the verdict never lets a stale 'fixed' state close a blocker present in the run", () => {
    const v = computeVerdict([blocker("serial 41")], {
      "DEL-SOA-SERIAL@ns2.oldhost.test.": { status: "fixed", at: "t" },
    });
    expect(v.verdict).toBe("no-go");
    expect(v.openBlockers.map((x) => x.key)).toEqual(["DEL-SOA-SERIAL@ns2.oldhost.test."]);
  });

  it("a waiver carries over while the evidence is the same (answer indexes and order aside), and reopens when it changes", () => {
    const b = blocker("ns2 SOA serial 41");
    const w = waive({
      findings: [b],
      states: {},
      input: { key: b.key, by: "Ada", reason: "secondary retires with the move" },
      now: NOW,
    });
    if (!w.ok) throw new Error(w.message);
    expect(w.states[b.key]).toMatchObject({ status: "waived", fingerprint: findingFingerprint(b) });
    const same = { ...b, evidence: [{ ...b.evidence[0], answer: 17 }] };
    expect(carryStates(w.states, [same], NOW)[b.key]).toEqual(w.states[b.key]);
    const other = blocker("ns2 SOA serial 40");
    expect(carryStates(w.states, [other], NOW)[b.key]).toEqual({ status: "open" });
    expect(computeVerdict([other], carryStates(w.states, [other], NOW)).verdict).toBe("no-go");
  });

  it("an acknowledgement does not survive the finding becoming a blocker", () => {
    const warn = { ...f("OPS-MONITORING@project.test.", "warning"), message: "No monitoring" };
    const a = acknowledge({
      findings: [warn],
      states: {},
      input: { key: warn.key, by: "Bo", reason: "watching by hand" },
      now: NOW,
    });
    if (!a.ok) throw new Error(a.message);
    expect(carryStates(a.states, [warn], NOW)[warn.key]).toMatchObject({ status: "acknowledged", by: "Bo" });
    const raised = { ...warn, severity: "blocker" as const };
    expect(carryStates(a.states, [raised], NOW)[warn.key]).toEqual({ status: "open" });
  });

  it("without evidence the message is what was acknowledged", () => {
    const m1 = { ...f("OPS-CONTACTS@project.test.", "warning"), message: "Not on call: Kim" };
    const m2 = { ...m1, message: "Not on call: Kim, Lee" };
    expect(findingFingerprint(m1)).not.toBe(findingFingerprint(m2));
    expect(findingFingerprint(m1)).toBe(findingFingerprint({ ...m1 }));
  });
});

describe("catalogue and configuration", () => {
  it("ids are unique and follow FAMILY-NAME", () => {
    expect(new Set(CHECK_IDS).size).toBe(CHECK_IDS.length);
    for (const id of CHECK_IDS) expect(id).toMatch(/^(DEL|INV|PRV|SEC|TIM|SVC|REG|OPS)-[A-Z0-9-]+$/);
    expect(CHECK_IDS.length).toBeGreaterThanOrEqual(50);
  });
  it("severity overrides and disabled checks apply; bad config is rejected", () => {
    const i = input({ facts: { dnsHostingMoves: null } });
    expect(runChecks(i).find((x) => x.id === "OPS-HOSTING-ANSWER")!.severity).toBe("blocker");
    const cfg = checkConfigSchema.parse({
      severities: { "OPS-HOSTING-ANSWER": "warning" },
      disabled: ["REG-MANUAL-EVIDENCE"],
    });
    const out = runChecks(i, cfg);
    expect(out.find((x) => x.id === "OPS-HOSTING-ANSWER")!.severity).toBe("warning");
    expect(out.some((x) => x.id === "REG-MANUAL-EVIDENCE")).toBe(false);
    expect(checkConfigSchema.safeParse({ severities: { "OPS-HOSTING-ANSWER": "fatal" } }).success).toBe(false);
    expect(checkConfigSchema.safeParse({ severities: { nonsense: "info" } }).success).toBe(false);
  });
});
