/**
 * The verdict (DESIGN §6): NO-GO while any blocker is open; GO when none is.
 * Blockers leave "open" only by being fixed (gone from a re-run) or waived by
 * a named person with a reason; warnings must be acknowledged (who, when,
 * why) before a checklist can be finalised.
 */
import { z } from "zod";
import type { Finding, Severity } from "./types";

export type FindingState =
  | { status: "open" }
  | { status: "fixed"; at: string }
  | { status: "waived"; by: string; reason: string; at: string }
  | { status: "acknowledged"; by: string; reason: string; at: string };

/** Finding key → state. Keys absent here are open. */
export type FindingStates = Record<string, FindingState>;

const person = z.string().trim().min(1, "a named person is required").max(200);
const reason = z.string().trim().min(3, "a reason is required").max(2000);

export const WaiveInputSchema = z.strictObject({ key: z.string().min(1), by: person, reason });
export const AcknowledgeInputSchema = z.strictObject({ key: z.string().min(1), by: person, reason });
export type WaiveInput = z.infer<typeof WaiveInputSchema>;
export type AcknowledgeInput = z.infer<typeof AcknowledgeInputSchema>;

export type StateChange = { ok: true; states: FindingStates } | { ok: false; error: "unknown-finding" | "not-a-blocker" | "not-a-warning" | "invalid"; message: string };

function change(findings: readonly Finding[], states: FindingStates, key: string, need: Severity, next: FindingState): StateChange {
  const f = findings.find((x) => x.key === key);
  if (!f) return { ok: false, error: "unknown-finding", message: `no finding ${key}` };
  if (f.severity !== need) return { ok: false, error: need === "blocker" ? "not-a-blocker" : "not-a-warning", message: `${key} is a ${f.severity}; only ${need}s can be ${need === "blocker" ? "waived" : "acknowledged"}` };
  return { ok: true, states: { ...states, [key]: next } };
}

/** Waive a blocker: pure, returns new states. `input` is validated here too (never trust the caller). */
export function waive(findings: readonly Finding[], states: FindingStates, input: unknown, now: Date): StateChange {
  const p = WaiveInputSchema.safeParse(input);
  if (!p.success) return { ok: false, error: "invalid", message: p.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  return change(findings, states, p.data.key, "blocker", { status: "waived", by: p.data.by, reason: p.data.reason, at: now.toISOString() });
}

export function acknowledge(findings: readonly Finding[], states: FindingStates, input: unknown, now: Date): StateChange {
  const p = AcknowledgeInputSchema.safeParse(input);
  if (!p.success) return { ok: false, error: "invalid", message: p.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  return change(findings, states, p.data.key, "warning", { status: "acknowledged", by: p.data.by, reason: p.data.reason, at: now.toISOString() });
}

/** States carried to a new run: findings that disappeared are fixed; the rest keep their state. */
export function carryStates(previous: FindingStates, findings: readonly Finding[], now: Date): FindingStates {
  const present = new Set(findings.map((f) => f.key));
  const out: FindingStates = {};
  for (const [k, s] of Object.entries(previous)) out[k] = present.has(k) ? s : { status: "fixed", at: now.toISOString() };
  return out;
}

export interface Verdict {
  verdict: "go" | "no-go";
  openBlockers: Finding[];
  waivedBlockers: Finding[];
  /** Warnings not acknowledged yet. */
  pendingAcknowledgements: Finding[];
  /** GO and every warning acknowledged: a checklist may be finalised. */
  finalisable: boolean;
  counts: Record<Severity, number>;
  /** Item by item, why the verdict is what it is. */
  reasons: string[];
}

export function stateOf(states: FindingStates, key: string): FindingState {
  return states[key] ?? { status: "open" };
}

export function computeVerdict(findings: readonly Finding[], states: FindingStates = {}): Verdict {
  const openBlockers = findings.filter((f) => f.severity === "blocker" && stateOf(states, f.key).status === "open");
  const waivedBlockers = findings.filter((f) => f.severity === "blocker" && stateOf(states, f.key).status === "waived");
  const pendingAcknowledgements = findings.filter((f) => f.severity === "warning" && stateOf(states, f.key).status !== "acknowledged");
  const counts = { blocker: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const verdict = openBlockers.length === 0 ? "go" : "no-go";
  const reasons = [
    ...openBlockers.map((f) => `open blocker ${f.id}: ${f.subject}`),
    ...waivedBlockers.map((f) => {
      const s = stateOf(states, f.key) as Extract<FindingState, { status: "waived" }>;
      return `waived blocker ${f.id}: ${f.subject} (by ${s.by}: ${s.reason})`;
    }),
    ...pendingAcknowledgements.map((f) => `warning to acknowledge ${f.id}: ${f.subject}`),
  ];
  return { verdict, openBlockers, waivedBlockers, pendingAcknowledgements, finalisable: verdict === "go" && pendingAcknowledgements.length === 0, counts, reasons };
}
