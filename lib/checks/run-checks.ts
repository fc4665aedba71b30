/**
 * Run the catalogue: a pure function from the review's inputs to findings.
 * Severity overrides apply to findings emitted at the check's default
 * severity (a check's deliberate info/warning variants stay as they are).
 */
import { CATALOGUE } from "./catalogue";
import { DEFAULT_CONFIG, type CheckConfig } from "./config";
import type { CheckDef, CheckInput, Finding, Severity } from "./types";

const ORDER: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };

export function runChecks(
  input: CheckInput,
  config: CheckConfig = DEFAULT_CONFIG,
  catalogue: readonly CheckDef[] = CATALOGUE,
): Finding[] {
  const out: Finding[] = [];
  const keys = new Map<string, number>();
  for (const c of catalogue) {
    if (config.disabled.includes(c.id)) continue;
    c.run(input, (f) => {
      const severity = f.severity ?? config.severities[c.id] ?? c.severity;
      let key = `${c.id}@${f.subject}`;
      // Keys identify a finding across runs; a repeated subject gets a counter.
      const n = keys.get(key) ?? 0;
      keys.set(key, n + 1);
      if (n > 0) key += `#${n + 1}`;
      out.push({
        id: c.id,
        key,
        family: c.family,
        severity,
        subject: f.subject,
        message: f.message,
        remediation: f.remediation,
        evidence: f.evidence ?? [],
      });
    });
  }
  return out.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}
