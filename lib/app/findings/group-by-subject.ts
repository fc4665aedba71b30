/**
 * Findings worked by subject: one group per owner name (a finding's subject is "name" or "name TYPE"), so everything
 * wrong with `release.project.test.` is read and decided together. Pure; the run page renders it.
 */
import type { Severity } from "../../checks/types";

export interface GroupableFinding {
  id: string;
  key: string;
  severity: Severity | string;
  subject: string;
  state: { status: string };
}

export interface SubjectGroup<F extends GroupableFinding> {
  /** The owner name, as the subject spells it. */
  name: string;
  findings: F[];
  worst: Severity;
  /** Keys of the group's findings still open (not info). */
  openKeys: string[];
}

const RANK: Record<string, number> = { blocker: 0, warning: 1, info: 2 };

/** The owner name of a subject: its first whitespace-separated word ("release.project.test. NS" → "release.project.test."). */
export function subjectName(subject: string): string {
  return subject.trim().split(/\s+/)[0] ?? subject;
}

export const isOpen = (f: GroupableFinding) => f.severity !== "info" && f.state.status === "open";

/** Groups with open blockers first, then by worst severity, then by name; inside a group by severity, then check id. */
export function groupBySubject<F extends GroupableFinding>(findings: readonly F[]): SubjectGroup<F>[] {
  const byName = new Map<string, F[]>();
  for (const f of findings) {
    const n = subjectName(f.subject);
    // Names compare case-insensitively (RFC 4343): one group however a check spelled it.
    const k = n.toLowerCase();
    const list = byName.get(k);
    if (list) list.push(f);
    else byName.set(k, [f]);
  }
  const groups = [...byName.values()].map((list) => {
    const sorted = [...list].sort(
      (a, b) =>
        (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3) ||
        a.id.localeCompare(b.id) ||
        a.subject.localeCompare(b.subject),
    );
    return {
      name: subjectName(sorted[0].subject),
      findings: sorted,
      worst: (sorted[0].severity as Severity) ?? "info",
      openKeys: sorted.filter(isOpen).map((f) => f.key),
    };
  });
  const openBlockers = (g: SubjectGroup<F>) => g.findings.filter((f) => f.severity === "blocker" && isOpen(f)).length;
  return groups.sort(
    (a, b) =>
      Number(openBlockers(b) > 0) - Number(openBlockers(a) > 0) ||
      (RANK[a.worst] ?? 3) - (RANK[b.worst] ?? 3) ||
      a.name.localeCompare(b.name),
  );
}

export interface EvidenceLike {
  kind: string;
  snapshot?: "old" | "new";
  text: string;
}

/** Evidence split by who answered: the old operator's servers, the new operator's, and everything else (files, facts). */
export function evidenceSides<E extends EvidenceLike>(evidence: readonly E[]): { old: E[]; new: E[]; other: E[] } {
  return {
    old: evidence.filter((e) => e.snapshot === "old"),
    new: evidence.filter((e) => e.snapshot === "new"),
    other: evidence.filter((e) => e.snapshot !== "old" && e.snapshot !== "new"),
  };
}
