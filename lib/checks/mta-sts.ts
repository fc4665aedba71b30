/** MTA-STS parsing (RFC 8461): the `_mta-sts` TXT record (§3.1) and the policy file (§3.2), and MX matching (§4.1). */

export type StsRecord = { ok: true; id: string } | { ok: false; error: string };

export function parseStsRecord(txt: string): StsRecord {
  const fields = txt.split(";").map((f) => f.trim()).filter(Boolean);
  if (fields[0] !== "v=STSv1") return { ok: false, error: `must start with "v=STSv1" (got "${fields[0] ?? ""}")` };
  const id = fields.find((f) => f.startsWith("id="))?.slice(3);
  if (!id) return { ok: false, error: "no id= field" };
  if (!/^[A-Za-z0-9]{1,32}$/.test(id)) return { ok: false, error: `id "${id}" must be 1–32 letters or digits` };
  return { ok: true, id };
}

export interface StsPolicy {
  version: string | null;
  mode: "enforce" | "testing" | "none" | null;
  mx: string[];
  maxAge: number | null;
  errors: string[];
}

export function parseStsPolicy(body: string): StsPolicy {
  const p: StsPolicy = { version: null, mode: null, mx: [], maxAge: null, errors: [] };
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([A-Za-z0-9_]+):\s*(.*)$/.exec(line);
    if (!m) {
      p.errors.push(`unreadable line "${line.slice(0, 60)}"`);
      continue;
    }
    const [, k, v] = m;
    if (k === "version") p.version = v;
    else if (k === "mode") p.mode = v === "enforce" || v === "testing" || v === "none" ? v : (p.errors.push(`unknown mode "${v}"`), null);
    else if (k === "mx") p.mx.push(v.toLowerCase().replace(/\.$/, ""));
    else if (k === "max_age") p.maxAge = /^\d{1,10}$/.test(v) && Number(v) <= 31_557_600 ? Number(v) : (p.errors.push(`bad max_age "${v}"`), null);
  }
  if (p.version !== "STSv1") p.errors.push(`version must be STSv1 (got ${p.version ?? "none"})`);
  if (!p.mode) p.errors.push("no valid mode");
  if (p.maxAge === null) p.errors.push("no valid max_age");
  if (p.mode && p.mode !== "none" && p.mx.length === 0) p.errors.push("no mx pattern");
  return p;
}

/** RFC 8461 §4.1: exact name, or "*." matching exactly one leftmost label. */
export function mxMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  const p = pattern.toLowerCase().replace(/\.$/, "");
  if (p.startsWith("*.")) {
    const dot = h.indexOf(".");
    return dot > 0 && h.slice(dot + 1) === p.slice(2);
  }
  return h === p;
}

/** RFC 8461 §3.3: the policy lives at https://mta-sts.<domain>/.well-known/mta-sts.txt. */
export function mtaStsPolicyUrl(zone: string): string {
  return `https://mta-sts.${zone.replace(/\.$/, "")}/.well-known/mta-sts.txt`;
}
