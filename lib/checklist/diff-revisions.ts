/**
 * "What changed since the revision this person last saw": findings matched by
 * id, everything else compared section by section in canonical form.
 */
import { canonicalJson } from "./canonical-json";
import type { Finding } from "./finding";
import type { Revision } from "./revision";

export type RevisionChange =
  | { kind: "finding-added"; finding: Finding }
  | { kind: "finding-removed"; finding: Finding }
  | { kind: "finding-changed"; id: string; before: Finding; after: Finding; fields: string[] }
  | { kind: "section-changed"; section: SectionName; before: unknown; after: unknown };

const SECTIONS = [
  "transfer",
  "dnsHostingMoves",
  "sources",
  "snapshotDigest",
  "verdict",
  "window",
  "timing",
  "parties",
] as const;
type SectionName = (typeof SECTIONS)[number];

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

export function diffRevisions(before: Revision, after: Revision): RevisionChange[] {
  const changes: RevisionChange[] = [];
  for (const section of SECTIONS) {
    if (!same(before[section], after[section]))
      changes.push({ kind: "section-changed", section, before: before[section], after: after[section] });
  }
  const old = new Map(before.findings.map((f) => [f.id, f]));
  const now = new Map(after.findings.map((f) => [f.id, f]));
  for (const f of after.findings) {
    const o = old.get(f.id);
    if (o === undefined) changes.push({ kind: "finding-added", finding: f });
    else if (!same(o, f)) {
      const fields = (Object.keys(f) as (keyof Finding)[]).filter((k) => !same(o[k], f[k]));
      changes.push({ kind: "finding-changed", id: f.id, before: o, after: f, fields });
    }
  }
  for (const f of before.findings) if (!now.has(f.id)) changes.push({ kind: "finding-removed", finding: f });
  return changes;
}

const verdictText = (v: unknown) => ((v as Revision["verdict"] | null)?.decision === "go" ? "GO" : "NO-GO");

/**
 * One line per change, for the sign-off page and the revision history: each
 * finding named by check and subject (a check reports many names), the
 * verdict as old → new.
 */
export function describeChanges(changes: readonly RevisionChange[]): string[] {
  return changes.map((c) => {
    switch (c.kind) {
      case "finding-added":
        return `new ${c.finding.severity} ${c.finding.checkId} at ${c.finding.subject}: ${c.finding.message}`;
      case "finding-removed":
        return `no longer reported: ${c.finding.checkId} at ${c.finding.subject}: ${c.finding.message}`;
      case "finding-changed":
        return c.fields.length === 1 && c.fields[0] === "state"
          ? `${c.after.checkId} at ${c.after.subject}: ${c.before.state.status} → ${c.after.state.status}${"by" in c.after.state && c.after.state.by ? ` by ${c.after.state.by}` : ""}`
          : `${c.after.checkId} at ${c.after.subject} changed (${c.fields.join(", ")})`;
      case "section-changed":
        if (c.section !== "verdict") return `${c.section} changed`;
        return verdictText(c.before) === verdictText(c.after)
          ? `verdict still ${verdictText(c.after)}, reasons changed`
          : `verdict: ${verdictText(c.before)} → ${verdictText(c.after)}`;
    }
  });
}
