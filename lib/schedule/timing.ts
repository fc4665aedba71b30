/**
 * Window arithmetic from measured TTLs (DESIGN §7). Propagation is caching:
 * after the parent publishes new NS, resolvers keep old NS (and keep asking
 * the old servers) until the NS TTL runs out, so the old servers must keep
 * serving for that long. Every number here is in seconds.
 */
import { z } from "zod";

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

export function formatDuration(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = [d && `${d} d`, h && `${h} h`, m && `${m} min`, s && `${s} s`].filter(Boolean);
  return `${seconds} s${parts.length > 0 && seconds >= 60 ? ` (${parts.join(" ")})` : ""}`;
}

export function computeTiming(raw: TimingInputs): TimingPlan {
  const t = timingInputsSchema.parse(raw);
  const f = formatDuration;
  const steps: string[] = [];
  const nsTtl = Math.max(t.parentNsTtl, t.childNsTtl);
  steps.push(`NS TTL = max(parent NS TTL ${f(t.parentNsTtl)}, child NS TTL ${f(t.childNsTtl)}) = ${f(nsTtl)}`);

  const dsPart = t.dsChanges && t.dsTtl !== null ? t.dsTtl : 0;
  if (t.dsChanges && t.dsTtl !== null) {
    steps.push(`DS changes: resolvers may hold the old DS for its TTL ${f(t.dsTtl)}; it adds to the overlap (DESIGN §7, RFC 8901 §8)`);
  } else if (t.dsChanges) {
    steps.push("DS changes but no DS TTL was measured: the overlap cannot account for it");
  }
  const overlap = nsTtl + dsPart + t.marginSeconds;
  steps.push(`Required overlap = NS TTL ${f(nsTtl)}${dsPart ? ` + DS TTL ${f(dsPart)}` : ""} + margin ${f(t.marginSeconds)} = ${f(overlap)}; counted from the END of the window, since the parent may publish the new NS at any moment inside it`);

  // Same rule as lib/checks/timing.ts (TIM family): the window covers the overlap and the expiry of every cached answer.
  const minimumWindow = Math.max(overlap, t.maxRecordTtl + t.marginSeconds, t.negativeTtl + t.marginSeconds);
  steps.push(
    `Minimum window = max(overlap ${f(overlap)}, max record TTL ${f(t.maxRecordTtl)} + margin, negative TTL ${f(t.negativeTtl)} + margin) = ${f(minimumWindow)}: the last cached pre-change answer expires inside the window, while everyone is on call`,
  );

  const oldTtl = t.changingRecordsTtl ?? t.maxRecordTtl;
  const lead = oldTtl + t.marginSeconds;
  steps.push(`TTL lowering: changed records keep their old TTL ${f(oldTtl)} in caches, so lower it at least ${f(lead)} (old TTL + margin) before the window starts`);
  return { requiredOverlapSeconds: overlap, minimumWindowSeconds: minimumWindow, ttlLoweringLeadSeconds: lead, steps };
}

/** The arithmetic as human-readable steps (same text as computeTiming().steps). */
export function explain(inputs: TimingInputs): string[] {
  return computeTiming(inputs).steps;
}
