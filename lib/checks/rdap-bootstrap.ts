/**
 * RDAP bootstrap (RFC 9224): the IANA registry file maps TLDs (and, in
 * general, label sequences) to RDAP base URLs. The server for a domain is
 * the entry with the longest matching label suffix (§4); among its URLs
 * HTTPS is preferred (§3: "https" SHOULD be chosen when both are given).
 * Files are read by the caller; this module only parses and picks.
 */
import { isIP } from "node:net";
import { z } from "zod";
import { checkAddress, legacyIpv4 } from "../dns/address-policy";
import { PUBLIC_ONLY, type OutboundPolicy } from "../net/outbound";

const bootstrapSchema = z.looseObject({
  version: z.string().optional(),
  publication: z.string().optional(),
  services: z.array(z.tuple([z.array(z.string()), z.array(z.string())]).rest(z.unknown())),
});

export type BootstrapPick = { ok: true; baseUrl: string; entry: string } | { ok: false; error: string };

/**
 * Why a bootstrap URL is never used, or null: not http(s), credentials, or a host that is an
 * address (or legacy spelling of one) the outbound policy refuses. Names are checked when
 * fetched (lib/net/outbound.ts), since that is when they resolve.
 */
function unusable(url: string, policy: OutboundPolicy): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return `${url}: not http(s)`;
  if (u.username || u.password) return `${url}: carries credentials`;
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return checkAddress(host, policy);
  if (legacyIpv4(host) !== null)
    return `${url}: ${checkAddress(legacyIpv4(host)!, policy) ?? "an address in a legacy spelling"}`;
  return null;
}

export function pickRdapServer({
  bootstrap,
  domain,
  policy = PUBLIC_ONLY,
}: {
  bootstrap: unknown;
  domain: string;
  policy?: OutboundPolicy;
}): BootstrapPick {
  const p = bootstrapSchema.safeParse(bootstrap);
  if (!p.success)
    return {
      ok: false,
      error: `not an RDAP bootstrap file (RFC 9224 §3): ${p.error.issues[0]?.path.join(".")} ${p.error.issues[0]?.message}`,
    };
  const labels = domain.toLowerCase().replace(/\.$/, "").split(".");
  let best: { len: number; urls: string[]; entry: string } | null = null;
  for (const [entries, urls] of p.data.services) {
    for (const e of entries) {
      const el = e.toLowerCase().replace(/\.$/, "").split(".");
      if (el.length > labels.length || el.length === 0 || el[0] === "") continue;
      const tail = labels.slice(labels.length - el.length);
      if (tail.join(".") !== el.join(".")) continue;
      if (!best || el.length > best.len) best = { len: el.length, urls, entry: e };
    }
  }
  if (!best) return { ok: false, error: `no RDAP service for "${labels.slice(-1)[0]}" in the bootstrap file` };
  const http = best.urls.filter((u) => u.startsWith("https://") || u.startsWith("http://"));
  if (http.length === 0) return { ok: false, error: `the entry for "${best.entry}" lists no http(s) URL` };
  const usable = http.filter((u) => unusable(u, policy) === null);
  const url = usable.find((u) => u.startsWith("https://")) ?? usable[0];
  if (!url)
    return {
      ok: false,
      error: `the entry for "${best.entry}" lists no usable URL (${http.map((u) => unusable(u, policy)).join("; ")})`,
    };
  return { ok: true, baseUrl: url, entry: best.entry };
}
