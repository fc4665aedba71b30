/**
 * Which providers a record depends on, by fingerprint. Pure: presentation
 * text in, matches out. Used by import reports and the PRV checks.
 */
import { FINGERPRINTS, type Field } from "./fingerprints";
import type { ProviderMatch, RecordView } from "./types";

function absLower(name: string): string {
  const n = name.toLowerCase();
  return n.endsWith(".") ? n : n + ".";
}

/** The parts of a record each fingerprint field looks at. */
function fieldsOf(rec: RecordView): Partial<Record<Field, string>> {
  const type = rec.type.toUpperCase();
  const parts = rec.value.trim().split(/\s+/);
  const out: Partial<Record<Field, string>> = { owner: absLower(rec.owner) };
  switch (type) {
    case "NS":
      out["ns-target"] = absLower(parts[0] ?? "");
      break;
    case "CNAME":
    case "DNAME":
    case "ALIAS":
      out["cname-target"] = absLower(parts[0] ?? "");
      break;
    case "MX":
      out["mx-target"] = absLower(parts[1] ?? "");
      break;
    case "SOA":
      out["soa-mname"] = absLower(parts[0] ?? "");
      out["soa-rname"] = absLower(parts[1] ?? "");
      break;
    case "A":
    case "AAAA":
      out.address = (parts[0] ?? "").toLowerCase();
      break;
    case "TXT":
    case "SPF":
      out.txt = rec.value;
      break;
  }
  return out;
}

export function identifyProviders(rec: RecordView): ProviderMatch[] {
  const fields = fieldsOf(rec);
  const owner = absLower(rec.owner);
  const matches: ProviderMatch[] = [];
  for (const fp of FINGERPRINTS) {
    const subject = fields[fp.field];
    if (subject === undefined || !fp.pattern.test(subject)) continue;
    const target = fp.field === "owner" || fp.field === "txt" ? rec.value : subject;
    matches.push({
      provider: fp.provider,
      label: fp.label,
      role: fp.role,
      evidence: `${fp.field} ${subject.length > 80 ? subject.slice(0, 77) + "..." : subject} ${fp.describe}`,
      replacement: fp.replacement
        .replaceAll("{owner}", owner)
        .replaceAll("{target}", target)
        .replaceAll("{value}", rec.value),
    });
  }
  return matches;
}
