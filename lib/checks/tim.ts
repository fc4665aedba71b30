/** TIM: timing derived from measured TTLs (DESIGN §7). */
import { fact } from "./evidence";
import { timingFor } from "./timing";
import type { CheckDef } from "./types";

const human = (s: number) => (s >= 86400 ? `${(s / 86400).toFixed(s % 86400 ? 1 : 0)} d` : s >= 3600 ? `${(s / 3600).toFixed(s % 3600 ? 1 : 0)} h` : `${s} s`);

const overlap: CheckDef = {
  id: "TIM-OVERLAP", family: "TIM", severity: "info", title: "Minimum overlap and window length",
  run(i, emit) {
    if (!i.views.oldRef) return;
    const t = timingFor(i);
    emit({
      subject: i.zone,
      message: `Old servers must keep serving at least ${t.minOverlapSeconds} s (${human(t.minOverlapSeconds)}) after the parent switches NS; minimum window ${t.minWindowSeconds} s (${human(t.minWindowSeconds)}); a rollback takes ${t.rollbackSeconds} s to reach everyone. ${t.explanation.join("; ")}.`,
      remediation: `Keep the old zone served for ${human(t.minOverlapSeconds)} after the switch; plan the window accordingly.`,
      evidence: t.explanation.map(fact),
    });
  },
};

const negative: CheckDef = {
  id: "TIM-NEGATIVE-TTL", family: "TIM", severity: "info", title: "Negative caching TTL",
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
  id: "TIM-WINDOW-TOO-SHORT", family: "TIM", severity: "blocker", title: "The planned window is long enough",
  run(i, emit) {
    const w = i.facts.window;
    if (!w) return;
    const len = (Date.parse(w.end) - Date.parse(w.start)) / 1000;
    const t = timingFor(i);
    if (!(len < t.minWindowSeconds)) return;
    emit({ subject: `window ${w.start} – ${w.end}`, message: `The window lasts ${Math.round(len)} s but the measured TTLs need at least ${t.minWindowSeconds} s (${human(t.minWindowSeconds)}).`, remediation: `Extend the window to at least ${human(t.minWindowSeconds)}.`, evidence: t.explanation.map(fact) });
  },
};

const lowering: CheckDef = {
  id: "TIM-TTL-LOWERING", family: "TIM", severity: "warning", title: "Changing records had their TTL lowered ahead of the window",
  run(i, emit) {
    const threshold = 300;
    for (const e of i.diff.oldVsNew?.entries ?? []) {
      if (e.kind !== "rdata" || !e.here || e.here.ttl <= threshold || e.type === "SOA") continue; // SOA: each operator's own
      emit({
        subject: `${e.owner} ${e.type}`,
        message: `${e.owner} ${e.type} changes with the move (old ${e.here.texts.join(" / ")}) and has TTL ${e.here.ttl} s: caches keep the old value up to ${human(e.here.ttl)} after the switch.`,
        remediation: `Lower its TTL to ${threshold} s at least ${e.here.ttl} s (one old TTL) before the window, restore it afterwards.`,
        evidence: e.here.evidence,
      });
    }
  },
};

export const TIM_CHECKS: CheckDef[] = [overlap, negative, windowLength, lowering];
