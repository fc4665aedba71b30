/**
 * The measured TTLs of a run, read back from its TIM findings' evidence
 * (lib/checks/timing.ts writes one fact line per term). The run store keeps
 * findings, not the CheckInput, so this is how the schedule learns them.
 */
import type { TimingInputs } from "../schedule/timing";

interface FindingLike {
  checkId: string;
  message: string;
  evidence: readonly { kind: string; text: string }[];
}

const num = (s: string | undefined): number | null => (s === undefined || s === "?" ? null : Number(s));

export function timingFromFindings(findings: readonly FindingLike[]): TimingInputs | null {
  const overlap = findings.find((f) => f.checkId === "TIM-OVERLAP");
  if (overlap === undefined) return null;
  const text = overlap.evidence.map((e) => e.text).join("\n");
  const ns = /NS TTL max\(parent (\d+|\?), child (\d+|\?)\)/.exec(text);
  const ds = /\+ DS TTL (\d+|\?) s/.exec(text);
  const margin = /\+ margin (\d+) s/.exec(text);
  const neg = /negative TTL min\(SOA TTL (?:\d+|\?), MINIMUM (?:\d+|\?)\) = (\d+|\?) s/.exec(text);
  const max = /largest record TTL (\d+|\?) s/.exec(text);
  if (ns === null || margin === null || max === null) return null;
  const changing = findings
    .filter((f) => f.checkId === "TIM-TTL-LOWERING")
    .map((f) => num(/has TTL (\d+) s/.exec(f.message)?.[1]))
    .filter((n): n is number => n !== null);
  const dsTtl = ds === null ? null : num(ds[1]);
  return {
    parentNsTtl: num(ns[1]) ?? 0,
    childNsTtl: num(ns[2]) ?? 0,
    maxRecordTtl: num(max[1]) ?? 0,
    negativeTtl: num(neg?.[1]) ?? 0,
    dsTtl,
    dsChanges: ds !== null,
    ...(changing.length > 0 ? { changingRecordsTtl: Math.max(...changing) } : {}),
    marginSeconds: Number(margin[1]),
  };
}
