/**
 * INV-NEGATIVE-TTL: how long each operator's negative answers are cached —
 * the TTL of the SOA in the authority section of NXDOMAIN/NODATA answers
 * (RFC 2308 §3, §5: min(SOA TTL, SOA MINIMUM)) — old against new.
 */
import type { Snapshot } from "../dns/run-snapshot";
import { T } from "../zone/rrtype";
import { answerText } from "./evidence";
import type { CheckDef, EvidenceRef } from "./types";

interface Negative {
  ttl: number;
  count: number;
  evidence: EvidenceRef;
}

/** The largest negative-caching TTL an operator's authoritative negative answers carry. */
export function negativeTtl(snap: Snapshot | null, which: "old" | "new"): Negative | null {
  if (!snap) return null;
  let best: Negative | null = null;
  let count = 0;
  snap.answers.forEach((a, idx) => {
    if (a.error || !a.flags?.aa || (a.rcode !== 0 && a.rcode !== 3)) return;
    if (a.records.some((r) => r.section === "answer")) return;
    const soa = a.records.find((r) => r.section === "authority" && r.type === T.SOA);
    if (!soa) return;
    count++;
    if (!best || soa.ttl > best.ttl)
      best = {
        ttl: soa.ttl,
        count: 0,
        evidence: { kind: "answer", snapshot: which, answer: idx, text: answerText(a) },
      };
  });
  const b = best as Negative | null;
  return b ? { ...b, count } : null;
}

export const negativeTtlParity: CheckDef = {
  id: "INV-NEGATIVE-TTL",
  family: "INV",
  severity: "warning",
  title: "Negative caching TTL at old and new",
  run(i, emit) {
    const o = negativeTtl(i.old, "old");
    if (!o) return;
    const n = negativeTtl(i.neu, "new");
    const zone = i.zone;
    if (!n) {
      emit({
        severity: "info",
        subject: `${zone} negative TTL`,
        message: `The old operator's NXDOMAIN/NODATA answers are cached for ${o.ttl} s (SOA in the authority section of ${o.count} negative answer(s), RFC 2308 §5).`,
        remediation: "Nothing to compare yet: give the new operator's servers to compare theirs.",
        evidence: [o.evidence],
      });
      return;
    }
    const longer = n.ttl > o.ttl;
    emit({
      severity: longer ? undefined : "info",
      subject: `${zone} negative TTL`,
      message: `Negative answers are cached for ${o.ttl} s at the old operator and ${n.ttl} s at the new one${longer ? `: a record forgotten at the new side and added later stays missing in caches ${n.ttl} s instead of ${o.ttl} s` : ""}.`,
      remediation: longer
        ? `Lower the new SOA MINIMUM (or SOA TTL) to ${o.ttl} s for the move (RFC 2308 §5).`
        : "None needed.",
      evidence: [o.evidence, n.evidence],
    });
  },
};
