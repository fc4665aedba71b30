/** TIM: timing derived from measured TTLs (DESIGN §7). */
import { formatDuration } from "../schedule/duration";
import { fact } from "./evidence";
import { ASSUMED_PARENT_NS_TTL, timingFor } from "./timing";
import type { CheckDef } from "./types";

const overlap: CheckDef = {
  id: "TIM-OVERLAP",
  family: "TIM",
  severity: "info",
  title: "Minimum overlap and window length",
  run(i, emit) {
    if (!i.views.oldRef) return;
    const t = timingFor(i);
    emit({
      subject: i.zone,
      message: `Old servers must keep serving at least ${t.minOverlapSeconds} s (${formatDuration(t.minOverlapSeconds)}) after the parent switches NS; minimum window ${t.minWindowSeconds} s (${formatDuration(t.minWindowSeconds)}); a rollback takes ${t.rollbackSeconds} s to reach everyone. ${t.explanation.join("; ")}.`,
      remediation: `Keep the old zone served for ${formatDuration(t.minOverlapSeconds)} after the switch; plan the window accordingly.`,
      evidence: t.explanation.map(fact),
    });
  },
};

const negative: CheckDef = {
  id: "TIM-NEGATIVE-TTL",
  family: "TIM",
  severity: "info",
  title: "Negative caching TTL",
  run(i, emit) {
    const t = timingFor(i);
    if (t.negativeTtlSeconds === null) return;
    emit({
      subject: `${i.zone} SOA`,
      message: `Negative answers (NXDOMAIN/NODATA) are cached for min(SOA TTL ${t.inputs.soaTtl}, MINIMUM ${t.inputs.soaMinimum}) = ${t.negativeTtlSeconds} s (RFC 2308 §5): a record missing at the new side stays missing in caches that long after it is fixed.`,
      remediation: "Nothing to do unless it is long; lower SOA MINIMUM before the window if it is.",
      evidence: [fact(`SOA TTL ${t.inputs.soaTtl}, MINIMUM ${t.inputs.soaMinimum}`)],
    });
  },
};

const windowLength: CheckDef = {
  id: "TIM-WINDOW-TOO-SHORT",
  family: "TIM",
  severity: "blocker",
  title: "The planned window is long enough",
  run(i, emit) {
    const w = i.facts.window;
    if (!w) return;
    const len = (Date.parse(w.end) - Date.parse(w.start)) / 1000;
    const t = timingFor(i);
    if (!(len < t.minWindowSeconds)) return;
    emit({
      subject: `window ${w.start} – ${w.end}`,
      message: `The window lasts ${Math.round(len)} s but the measured TTLs need at least ${t.minWindowSeconds} s (${formatDuration(t.minWindowSeconds)}).`,
      remediation: `Extend the window to at least ${formatDuration(t.minWindowSeconds)}.`,
      evidence: t.explanation.map(fact),
    });
  },
};

const lowering: CheckDef = {
  id: "TIM-TTL-LOWERING",
  family: "TIM",
  severity: "warning",
  title: "Changing records had their TTL lowered ahead of the window",
  run(i, emit) {
    const threshold = 300;
    for (const e of i.diff.oldVsNew?.entries ?? []) {
      if (e.kind !== "rdata" || e.txtSplit || !e.here || e.here.ttl <= threshold || e.type === "SOA") continue; // SOA: each operator's own
      emit({
        subject: `${e.owner} ${e.type}`,
        message: `${e.owner} ${e.type} changes with the move (old ${e.here.texts.join(" / ")}) and has TTL ${e.here.ttl} s: caches keep the old value up to ${formatDuration(e.here.ttl)} after the switch.`,
        remediation: `Lower its TTL to ${threshold} s at least ${e.here.ttl} s (one old TTL) before the window, restore it afterwards.`,
        evidence: e.here.evidence,
      });
    }
  },
};

const parentUnmeasured: CheckDef = {
  id: "TIM-PARENT-TTL-UNMEASURED",
  family: "TIM",
  severity: "warning",
  title: "The parent's NS (and DS) TTLs were measured",
  run(i, emit) {
    if (!i.old || !i.views.oldRef) return;
    const t = timingFor(i);
    if (t.inputs.parentNsTtl !== null) return;
    const d = i.old.delegation;
    const why = d?.problem ?? (d ? "the referral carried no NS records" : "the parent's referral was not asked");
    emit({
      subject: `${i.zone} parent referral`,
      message: `The parent's referral for ${i.zone} could not be measured (${why}), so its NS TTL is unknown — and so is whether it publishes a DS. The window and rollback times assume ${ASSUMED_PARENT_NS_TTL} s (${formatDuration(ASSUMED_PARENT_NS_TTL)}), what the large registries use; resolvers keep the old NS for the real TTL, whatever it is.`,
      remediation: `Re-run where the parent's servers answer (the delegation walk from the root), or look the referral up (dig +norec NS ${i.zone} @<parent server>) and check the NS and DS TTLs against ${formatDuration(t.minOverlapSeconds)} of overlap.`,
      evidence: [fact(`parent referral: ${why}`), ...t.explanation.map(fact)],
    });
  },
};

export const TIM_CHECKS: CheckDef[] = [overlap, negative, windowLength, lowering, parentUnmeasured];
