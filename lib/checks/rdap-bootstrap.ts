/**
 * RDAP bootstrap (RFC 9224): the IANA registry file maps TLDs (and, in
 * general, label sequences) to RDAP base URLs. The server for a domain is
 * the entry with the longest matching label suffix (§4); among its URLs
 * HTTPS is preferred (§3: "https" SHOULD be chosen when both are given).
 * Files are read by the caller; this module only parses and picks.
 */
import { z } from "zod";

const BootstrapSchema = z.looseObject({
  version: z.string().optional(),
  publication: z.string().optional(),
  services: z.array(z.tuple([z.array(z.string()), z.array(z.string())]).rest(z.unknown())),
});

export type BootstrapPick = { ok: true; baseUrl: string; entry: string } | { ok: false; error: string };

export function pickRdapServer(bootstrap: unknown, domain: string): BootstrapPick {
  const p = BootstrapSchema.safeParse(bootstrap);
  if (!p.success) return { ok: false, error: `not an RDAP bootstrap file (RFC 9224 §3): ${p.error.issues[0]?.path.join(".")} ${p.error.issues[0]?.message}` };
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
  const url = best.urls.find((u) => u.startsWith("https://")) ?? best.urls.find((u) => u.startsWith("http://"));
  if (!url) return { ok: false, error: `the entry for "${best.entry}" lists no http(s) URL` };
  return { ok: true, baseUrl: url, entry: best.entry };
}
