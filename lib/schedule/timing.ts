/**
 * Window arithmetic from measured TTLs (DESIGN §7). Propagation is caching:
 * after the parent publishes new NS, resolvers keep old NS (and keep asking
 * the old servers) until the NS TTL runs out, so the old servers must keep
 * serving for that long. Every number here is in seconds.
 */
import { z } from "zod";
import { formatSeconds } from "./duration";

const ttl = z.number().int().min(0).max(2_147_483_647); // RFC 2181 §8: TTL is 31 bits

export const timingInputsSchema = z.object({
  /** NS TTL in the parent's referral (set by the registry, often 172800 for gTLDs). */
  parentNsTtl: ttl,
  /** NS TTL the old servers answer with. */
  childNsTtl: ttl,
  /** Largest TTL of any record in the zone. */
  maxRecordTtl: ttl,
  /** Negative-caching TTL: min(SOA TTL, SOA MINIMUM), RFC 2308 §5. */
  negativeTtl: ttl,
  /** DS TTL at the parent; null when the zone is unsigned. */
  dsTtl: ttl.nullable(),
  /** The DS record set changes with the move (new operator, new keys). */
  dsChanges: z.boolean(),
  /** Current (old) TTL of records whose values change; defaults to maxRecordTtl. */
  changingRecordsTtl: ttl.optional(),
  /** Safety margin added to each duration. */
  marginSeconds: ttl.default(3600),
});
export type TimingInputs = z.input<typeof timingInputsSchema>;

export interface TimingPlan {
  /** How long after the NS change the old servers must keep serving. */
  requiredOverlapSeconds: number;
  /** Shortest window: until every cache that may hold pre-change answers has expired. */
  minimumWindowSeconds: number;
  /** The TTL-lowering step must be done at least this long before the window starts. */
  ttlLoweringLeadSeconds: number;
  /** The arithmetic, one step per line, for the UI. */
  steps: string[];
}

/** RFC 2308 §5: negative answers are cached for the lesser of the SOA's own TTL and its MINIMUM field. */
export function negativeTtlFromSoa(soaTtl: number, soaMinimum: number): number {
  return Math.min(soaTtl, soaMinimum);
}

/** The numbers of the rule, each TTL already measured (0 when it was not, except the parent's: see lib/checks/timing.ts). */
export interface WindowRuleInputs {
  parentNsTtl: number;
  childNsTtl: number;
  maxRecordTtl: number;
  negativeTtl: number;
  dsTtl: number | null;
  dsChanges: boolean;
  changingRecordsTtl?: number;
  marginSeconds: number;
}

export interface WindowRule {
  /** max(parent NS TTL, child NS TTL): how long resolvers keep the old delegation. */
  nsTtlSeconds: number;
  /** The DS TTL when the DS set changes with the move, else 0. */
  dsSeconds: number;
  requiredOverlapSeconds: number;
  minimumWindowSeconds: number;
  /** The old TTL of the changing records (the largest record TTL when none was seen). */
  changingTtlSeconds: number;
  ttlLoweringLeadSeconds: number;
  /** A rollback is not instant: the new NS stay cached for the parent NS TTL, plus margin. */
  rollbackSeconds: number;
}

/**
 * The one timing rule (DESIGN §7), used by the schedule and by the TIM checks (lib/checks/timing.ts): the old servers
 * serve for the NS TTL (plus the DS TTL when DNSSEC changes, RFC 8901 §8) plus margin after the parent switches; the
 * window lasts until every cached answer, positive or negative (RFC 2308 §5), has expired; changing records are
 * lowered one old TTL plus margin before the window.
 */
export function windowRule(t: WindowRuleInputs): WindowRule {
  const nsTtlSeconds = Math.max(t.parentNsTtl, t.childNsTtl);
  const dsSeconds = t.dsChanges && t.dsTtl !== null ? t.dsTtl : 0;
  const requiredOverlapSeconds = nsTtlSeconds + dsSeconds + t.marginSeconds;
  const minimumWindowSeconds = Math.max(
    requiredOverlapSeconds,
    t.maxRecordTtl + t.marginSeconds,
    t.negativeTtl + t.marginSeconds,
  );
  const changingTtlSeconds = t.changingRecordsTtl ?? t.maxRecordTtl;
  return {
    nsTtlSeconds,
    dsSeconds,
    requiredOverlapSeconds,
    minimumWindowSeconds,
    changingTtlSeconds,
    ttlLoweringLeadSeconds: changingTtlSeconds + t.marginSeconds,
    rollbackSeconds: t.parentNsTtl + t.marginSeconds,
  };
}

export function computeTiming(raw: TimingInputs): TimingPlan {
  const t = timingInputsSchema.parse(raw);
  const f = formatSeconds;
  const r = windowRule(t);
  const steps: string[] = [];
  steps.push(`NS TTL = max(parent NS TTL ${f(t.parentNsTtl)}, child NS TTL ${f(t.childNsTtl)}) = ${f(r.nsTtlSeconds)}`);
  if (t.dsChanges && t.dsTtl !== null) {
    steps.push(
      `DS changes: resolvers may hold the old DS for its TTL ${f(t.dsTtl)}; it adds to the overlap (DESIGN §7, RFC 8901 §8)`,
    );
  } else if (t.dsChanges) {
    steps.push("DS changes but no DS TTL was measured: the overlap cannot account for it");
  }
  const overlap = r.requiredOverlapSeconds;
  steps.push(
    `Required overlap = NS TTL ${f(r.nsTtlSeconds)}${r.dsSeconds ? ` + DS TTL ${f(r.dsSeconds)}` : ""} + margin ${f(t.marginSeconds)} = ${f(overlap)}; counted from the END of the window, since the parent may publish the new NS at any moment inside it`,
  );
  steps.push(
    `Minimum window = max(overlap ${f(overlap)}, max record TTL ${f(t.maxRecordTtl)} + margin, negative TTL ${f(t.negativeTtl)} + margin) = ${f(r.minimumWindowSeconds)}: the last cached pre-change answer expires inside the window, while everyone is on call`,
  );
  steps.push(
    `TTL lowering: changed records keep their old TTL ${f(r.changingTtlSeconds)} in caches, so lower it at least ${f(r.ttlLoweringLeadSeconds)} (old TTL + margin) before the window starts`,
  );
  return {
    requiredOverlapSeconds: overlap,
    minimumWindowSeconds: r.minimumWindowSeconds,
    ttlLoweringLeadSeconds: r.ttlLoweringLeadSeconds,
    steps,
  };
}

/** The arithmetic as human-readable steps (same text as computeTiming().steps). */
export function explain(inputs: TimingInputs): string[] {
  return computeTiming(inputs).steps;
}
