/** MTA-STS (RFC 8461): the `_mta-sts` TXT record (§3.1), the policy file (§3.2) and its fetch (§3.3), and MX matching (§4.1). */
import { outboundFetcher, PUBLIC_ONLY, type OutboundPolicy } from "../net/outbound";
import type { Fetcher } from "./rdap";

export type StsRecord = { ok: true; id: string } | { ok: false; error: string };

export function parseStsRecord(txt: string): StsRecord {
  const fields = txt
    .split(";")
    .map((f) => f.trim())
    .filter(Boolean);
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
    else if (k === "mode")
      p.mode = v === "enforce" || v === "testing" || v === "none" ? v : (p.errors.push(`unknown mode "${v}"`), null);
    else if (k === "mx") p.mx.push(v.toLowerCase().replace(/\.$/, ""));
    else if (k === "max_age")
      p.maxAge =
        /^\d{1,10}$/.test(v) && Number(v) <= 31_557_600 ? Number(v) : (p.errors.push(`bad max_age "${v}"`), null);
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

export interface FetchStsPolicyOptions {
  zone: string;
  fetcher?: Fetcher;
  /** Destinations the default fetcher may reach (lib/net/outbound.ts; default: public only). */
  policy?: OutboundPolicy;
  timeoutMs?: number;
}

export interface StsPolicyFetch {
  url: string;
  status: number | null;
  body: string | null;
  error: string | null;
}

/** RFC 8461 §3.3: HTTPS GET of the policy; "HTTP 3xx redirects MUST NOT be followed"; a policy is small (64 KiB kept). */
export async function fetchStsPolicy(o: FetchStsPolicyOptions): Promise<StsPolicyFetch> {
  const url = mtaStsPolicyUrl(o.zone);
  const f: Fetcher =
    o.fetcher ?? outboundFetcher({ policy: o.policy ?? PUBLIC_ONLY, redirect: "manual", maxBytes: 64 * 1024 });
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), o.timeoutMs ?? 5000);
  try {
    const res = await f(url, { signal: ac.signal, headers: { "user-agent": "cutover-check" } });
    return { url, status: res.status, body: res.ok ? (await res.text()).slice(0, 64 * 1024) : null, error: null };
  } catch (e) {
    return { url, status: null, body: null, error: ac.signal.aborted ? "timeout" : (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
