/**
 * The verdict (DESIGN §6): NO-GO while any blocker is open; GO when none is.
 * Blockers leave "open" only by being fixed (gone from a re-run) or waived by
 * a named person with a reason; warnings must be acknowledged (who, when,
 * why) before a checklist can be finalised.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { decisionReasonSchema, personNameSchema } from "../checklist/typed-text";
import type { Finding, Severity } from "./types";

/**
 * `fingerprint` on a waiver/acknowledgement: what the person looked at when
 * they decided (findingFingerprint). Absent on states stored before it existed.
 */
export type FindingState =
  | { status: "open" }
  | { status: "fixed"; at: string }
  | ({ status: "waived"; by: string; reason: string; at: string; fingerprint?: string } & DecidedBy)
  | ({ status: "acknowledged"; by: string; reason: string; at: string; fingerprint?: string } & DecidedBy);

/**
 * Who decided: the signed-in account as it was at the time
 * (`by` is then its display name), and a typed "on behalf of" that is only a
 * label. Absent `account`: a decision from before accounts were bound (or the
 * CLI's --ack file), whose `by` is a typed name.
 */
export interface DecidedBy {
  account?: { userId: string; email: string; name: string };
  onBehalfOf?: string;
}

/** Finding key → state. Keys absent here are open. */
export type FindingStates = Record<string, FindingState>;

// Typed names and reasons (the CLI's --ack file): no control characters (lib/checklist/typed-text.ts).
const person = personNameSchema;
const reason = decisionReasonSchema;

export const waiveInputSchema = z.strictObject({ key: z.string().min(1), by: person, reason });
export const acknowledgeInputSchema = z.strictObject({ key: z.string().min(1), by: person, reason });
export type WaiveInput = z.infer<typeof waiveInputSchema>;
export type AcknowledgeInput = z.infer<typeof acknowledgeInputSchema>;

export type StateChange =
  | { ok: true; states: FindingStates }
  | { ok: false; error: "unknown-finding" | "not-a-blocker" | "not-a-warning" | "invalid"; message: string };

/**
 * What a waiver or acknowledgement was given for. The key already fixes the
 * check and the subject; this adds the severity and the evidence a person
 * read (record texts, answers, RDAP/fact lines; sorted, without the indexes
 * into one run's snapshot, so the same data in a new run gives the same
 * value). A finding without evidence is judged on its message. A different
 * value means the situation changed (another record value, another stale
 * server, a raised severity): the decision no longer applies.
 */
export function findingFingerprint(f: Pick<Finding, "severity" | "message" | "evidence">): string {
  const texts = [...new Set(f.evidence.map((e) => e.text))].sort();
  const basis = JSON.stringify([f.severity, texts.length ? texts : [f.message]]);
  return createHash("sha256").update(basis).digest("hex").slice(0, 32);
}

function change(
  findings: readonly Finding[],
  states: FindingStates,
  key: string,
  need: Severity,
  next: FindingState,
): StateChange {
  const f = findings.find((x) => x.key === key);
  if (!f) return { ok: false, error: "unknown-finding", message: `no finding ${key}` };
  if (f.severity !== need)
    return {
      ok: false,
      error: need === "blocker" ? "not-a-blocker" : "not-a-warning",
      message: `${key} is a ${f.severity}; only ${need}s can be ${need === "blocker" ? "waived" : "acknowledged"}`,
    };
  const stamped =
    next.status === "waived" || next.status === "acknowledged" ? { ...next, fingerprint: findingFingerprint(f) } : next;
  return { ok: true, states: { ...states, [key]: stamped } };
}

/** Waive a blocker: pure, returns new states. `input` is validated here too (never trust the caller). */
/** A waiver or acknowledgement asked for (`input`, validated here) against the run's findings and their states. */
export interface StateChangeRequest {
  findings: readonly Finding[];
  states: FindingStates;
  input: unknown;
  now: Date;
}

export function waive({ findings, states, input, now }: StateChangeRequest): StateChange {
  const p = waiveInputSchema.safeParse(input);
  if (!p.success)
    return {
      ok: false,
      error: "invalid",
      message: p.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
    };
  return change(findings, states, p.data.key, "blocker", {
    status: "waived",
    by: p.data.by,
    reason: p.data.reason,
    at: now.toISOString(),
  });
}

export function acknowledge({ findings, states, input, now }: StateChangeRequest): StateChange {
  const p = acknowledgeInputSchema.safeParse(input);
  if (!p.success)
    return {
      ok: false,
      error: "invalid",
      message: p.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
    };
  return change(findings, states, p.data.key, "warning", {
    status: "acknowledged",
    by: p.data.by,
    reason: p.data.reason,
    at: now.toISOString(),
  });
}

/**
 * States carried to a new run (DESIGN §6: a blocker leaves "open" only by
 * being fixed or waived):
 * - a finding gone from the run is fixed (keeping the time it was first seen fixed);
 * - a finding present in the run is never fixed: a fixed one that came back is
 *   open again, written explicitly so stores overwrite the old "fixed";
 * - a waiver/acknowledgement carries over only while the finding is the same:
 *   same key (check and subject), a severity the state fits (waivers on
 *   blockers, acknowledgements on warnings) and the same fingerprint
 *   (findingFingerprint); otherwise it is open again, to be judged anew.
 *   States without a fingerprint (stored before it existed) keep the old rule.
 */
export function carryStates(previous: FindingStates, findings: readonly Finding[], now: Date): FindingStates {
  const present = new Map(findings.map((f) => [f.key, f]));
  const out: FindingStates = {};
  for (const [k, s] of Object.entries(previous)) {
    const f = present.get(k);
    if (!f) out[k] = s.status === "fixed" ? s : { status: "fixed", at: now.toISOString() };
    else if (s.status === "waived" || s.status === "acknowledged") out[k] = stillApplies(s, f) ? s : { status: "open" };
    else out[k] = { status: "open" };
  }
  return out;
}

function stillApplies(s: Extract<FindingState, { status: "waived" | "acknowledged" }>, f: Finding): boolean {
  if (f.severity !== (s.status === "waived" ? "blocker" : "warning")) return false;
  return s.fingerprint === undefined || s.fingerprint === findingFingerprint(f);
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
  // A finding present in this run is never "fixed" (that state belongs to findings gone from it): only a waiver closes a blocker.
  const openBlockers = findings.filter((f) => f.severity === "blocker" && stateOf(states, f.key).status !== "waived");
  const waivedBlockers = findings.filter((f) => f.severity === "blocker" && stateOf(states, f.key).status === "waived");
  const pendingAcknowledgements = findings.filter(
    (f) => f.severity === "warning" && stateOf(states, f.key).status !== "acknowledged",
  );
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
  return {
    verdict,
    openBlockers,
    waivedBlockers,
    pendingAcknowledgements,
    finalisable: verdict === "go" && pendingAcknowledgements.length === 0,
    counts,
    reasons,
  };
}
