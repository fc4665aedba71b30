/**
 * Timing from measured TTLs (DESIGN §7): the schedule's rule (lib/schedule/timing.ts) on what one review measured.
 * Resolvers keep the old delegation until the NS TTLs run out, so the old
 * servers must keep serving at least max(parent NS TTL, child NS TTL) plus a
 * margin; a DNSSEC change adds the DS TTL; negative answers are cached for
 * min(SOA TTL, SOA MINIMUM) (RFC 2308 §5).
 */
import { z } from "zod";
import { soaMinimum } from "../diff/zone-view";
import { rrsetKey } from "../diff/zone-view";
import { name as wire } from "../zone/name";
import { T } from "../zone/rrtype";
import { negativeTtlFromSoa, windowRule, type WindowRuleInputs } from "../schedule/timing";
import type { CheckInput } from "./types";

export interface TimingInputs {
  parentNsTtl: number | null;
  childNsTtl: number | null;
  dsTtl: number | null;
  soaTtl: number | null;
  soaMinimum: number | null;
  maxRecordTtl: number | null;
  /** Largest old TTL among the records whose value changes with the move (TIM-TTL-LOWERING); null/absent: none seen. */
  changingRecordsTtl?: number | null;
  /** DS/DNSKEY change with the move (signed zone and operator change). */
  dnssecChange: boolean;
  marginSeconds: number;
}

export interface Timing {
  inputs: TimingInputs;
  /** How long the old servers must keep serving after the parent switches NS. */
  minOverlapSeconds: number;
  /** RFC 2308 §5 negative caching TTL (null when no SOA was seen). */
  negativeTtlSeconds: number | null;
  /** Minimum window: the overlap, and long enough for every cached answer (positive or negative) to expire. */
  minWindowSeconds: number;
  /**
   * Lower changing records' TTLs at least this long before the window: their old TTL (the largest
   * record TTL when no change was seen) plus margin must expire first.
   */
  ttlLoweringLeadSeconds: number;
  /** A rollback is not instant: the new NS stay cached for the parent NS TTL. */
  rollbackSeconds: number;
  /** One line per term, for people. */
  explanation: string[];
}

export const DEFAULT_MARGIN_SECONDS = 3600;

/**
 * The parent NS TTL assumed when the referral could not be measured: 2 d,
 * what the large registries (.com, .net, .org) publish. Never 0: a window
 * computed with 0 looks long enough where resolvers keep the old NS for days
 * (TIM-PARENT-TTL-UNMEASURED says so).
 */
export const ASSUMED_PARENT_NS_TTL = 172800;

/** The parent NS TTL the arithmetic uses: the measured one, else the assumption. */
export const effectiveParentNsTtl = (i: Pick<TimingInputs, "parentNsTtl">) => i.parentNsTtl ?? ASSUMED_PARENT_NS_TTL;

/**
 * The schedule's inputs from measured ones: a TTL that was not measured counts as 0 (the explanation says "?"),
 * except the parent NS TTL, which is the assumption (TIM-PARENT-TTL-UNMEASURED), never 0.
 */
export function scheduleTimingInputs(i: TimingInputs): WindowRuleInputs {
  return {
    parentNsTtl: effectiveParentNsTtl(i),
    childNsTtl: i.childNsTtl ?? 0,
    maxRecordTtl: i.maxRecordTtl ?? 0,
    negativeTtl: negativeTtl(i) ?? 0,
    dsTtl: i.dsTtl,
    dsChanges: i.dnssecChange,
    ...(i.changingRecordsTtl != null ? { changingRecordsTtl: i.changingRecordsTtl } : {}),
    marginSeconds: i.marginSeconds,
  };
}

/** RFC 2308 §5 negative caching TTL; null when no SOA was seen. */
function negativeTtl(i: Pick<TimingInputs, "soaTtl" | "soaMinimum">): number | null {
  return i.soaTtl !== null && i.soaMinimum !== null ? negativeTtlFromSoa(i.soaTtl, i.soaMinimum) : null;
}

/** The schedule's rule (lib/schedule/timing.ts windowRule) on measured TTLs, with the explanation the findings cite. */
export function computeTiming(i: TimingInputs): Timing {
  const r = windowRule(scheduleTimingInputs(i));
  const negativeTtlSeconds = negativeTtl(i);
  const explanation = [
    `NS TTL max(parent ${i.parentNsTtl ?? `not measured, assumed ${ASSUMED_PARENT_NS_TTL}`}, child ${i.childNsTtl ?? "?"}) = ${r.nsTtlSeconds} s`,
    i.dnssecChange
      ? `+ DS TTL ${i.dsTtl ?? "?"} s (DNSSEC changes with the operator)`
      : "no DNSSEC change: DS TTL not added",
    `+ margin ${i.marginSeconds} s = minimum overlap ${r.requiredOverlapSeconds} s`,
    `negative TTL min(SOA TTL ${i.soaTtl ?? "?"}, MINIMUM ${i.soaMinimum ?? "?"}) = ${negativeTtlSeconds ?? "?"} s (RFC 2308 §5)`,
    `largest record TTL ${i.maxRecordTtl ?? "?"} s; minimum window ${r.minimumWindowSeconds} s`,
  ];
  return {
    inputs: i,
    minOverlapSeconds: r.requiredOverlapSeconds,
    negativeTtlSeconds,
    minWindowSeconds: r.minimumWindowSeconds,
    ttlLoweringLeadSeconds: r.ttlLoweringLeadSeconds,
    rollbackSeconds: r.rollbackSeconds,
    explanation,
  };
}

/** The measured inputs of one review: parent referral, the old reference server's data. */
export function timingInputs(input: CheckInput): TimingInputs {
  const apex = wire(input.zone);
  const ref = input.views.oldRef;
  const d = input.old?.delegation ?? null;
  const soa = ref?.rrsets.get(rrsetKey(apex, 1, T.SOA)) ?? null;
  const ns = ref?.rrsets.get(rrsetKey(apex, 1, T.NS)) ?? null;
  const ttls = ref ? [...ref.rrsets.values()].map((s) => s.ttl) : [];
  const signed = (d?.ds.length ?? 0) > 0;
  // The same entries TIM-TTL-LOWERING names: values that change between the old and the new operator (SOA is each operator's own).
  const changing = (input.diff.oldVsNew?.entries ?? [])
    .filter((e) => e.kind === "rdata" && !e.txtSplit && e.here && e.type !== "SOA")
    .map((e) => e.here!.ttl);
  return {
    parentNsTtl: d && d.ns.length ? Math.min(...d.ns.map((r) => r.ttl)) : null,
    childNsTtl: ns?.ttl ?? null,
    dsTtl: d && d.ds.length ? d.ds[0].ttl : null,
    soaTtl: soa?.ttl ?? null,
    soaMinimum: soa ? soaMinimum(soa.rdatas[0]) : null,
    maxRecordTtl: ttls.length ? ttls.reduce((m, t) => (t > m ? t : m), 0) : null, // no spread: 100,000s of TTLs overflow the stack
    changingRecordsTtl: changing.length ? changing.reduce((m, t) => (t > m ? t : m), 0) : null,
    dnssecChange: signed && input.facts.dnsHostingMoves === true,
    marginSeconds: input.marginSeconds,
  };
}

export function timingFor(input: CheckInput): Timing {
  return computeTiming(timingInputs(input));
}

const ttl = z.number().int().min(0).max(4_294_967_295).nullable(); // SOA MINIMUM is 32 bits (RFC 1035 §3.3.13)
const seconds = z.number().int().min(0);

/** A Timing as stored with a run (JSON), checked when read back: the schedule and revisions take it from there. */
export const storedTimingSchema = z.object({
  inputs: z.object({
    parentNsTtl: ttl,
    childNsTtl: ttl,
    dsTtl: ttl,
    soaTtl: ttl,
    soaMinimum: ttl,
    maxRecordTtl: ttl,
    changingRecordsTtl: ttl.optional(),
    dnssecChange: z.boolean(),
    marginSeconds: seconds,
  }),
  minOverlapSeconds: seconds,
  negativeTtlSeconds: seconds.nullable(),
  minWindowSeconds: seconds,
  ttlLoweringLeadSeconds: seconds,
  rollbackSeconds: seconds,
  explanation: z.array(z.string()),
});

/** Parse a run's stored timing; null when absent (runs from before it was stored) or unreadable. */
export function parseStoredTiming(json: string | null | undefined): Timing | null {
  if (!json) return null;
  try {
    const p = storedTimingSchema.safeParse(JSON.parse(json));
    return p.success ? p.data : null;
  } catch {
    return null;
  }
}
