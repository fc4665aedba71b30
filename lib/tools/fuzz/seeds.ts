/**
 * Seed material for the generators: real zone lines from the conformance
 * corpora (CUTOVER_CORPORA) and the example exports, RDATA token lists
 * per type, and whole exports for the importers. Missing directories are
 * skipped so the runner still works (with less variety) elsewhere.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { corporaDir } from "../../config/corpora";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { typeFromText } from "../../zone/rrtype";
import { tokenize } from "./generators";

export interface Seeds {
  zoneLines: string[];
  /** Distinct tokens seen in the seed lines (mutation dictionary). */
  tokens: string[];
  rdata: { type: number; text: string }[];
  /** Master-file style exports: Cloudflare, dig AXFR, PowerDNS, BIND. */
  textExports: string[];
  route53: string[];
  cloudflareJson: string[];
}

/** Peer conformance suites, when present (lib/zone/corpora/helpers.ts), and the repository's own example exports. */
const CORPORA = corporaDir();
const EXPORTS = fileURLToPath(new URL("../../zone/import/__fixtures__/exports/", import.meta.url));

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    // Big files (the root zone) would only add more of the same lines.
    else if (st.size < 512 * 1024 && !/\.(md|txt\.report\.json|tsv)$/.test(f)) out.push(p);
  }
  return out;
}

const CLOUDFLARE_JSON = JSON.stringify({
  result: [
    { id: "1", type: "A", name: "example.test", content: "192.0.2.1", ttl: 1, proxied: true },
    {
      id: "2",
      type: "CNAME",
      name: "www.example.test",
      content: "example.test.cdn.cloudflare.net",
      ttl: 300,
      proxied: false,
    },
    { id: "3", type: "MX", name: "example.test", content: "mail.example.test", priority: 10, ttl: 3600 },
    { id: "4", type: "TXT", name: "example.test", content: '"v=spf1 include:_spf.example.test -all"', ttl: 300 },
    {
      id: "5",
      type: "SRV",
      name: "_sip._tcp.example.test",
      data: { priority: 1, weight: 5, port: 5060, target: "sip.example.test" },
      ttl: 300,
    },
    {
      id: "6",
      type: "CAA",
      name: "example.test",
      data: { flags: 0, tag: "issue", value: "letsencrypt.org" },
      ttl: 300,
    },
    {
      id: "7",
      type: "URI",
      name: "_http.example.test",
      data: { priority: 1, weight: 1, target: "https://x.test/" },
      ttl: 300,
    },
    { id: "8", type: "HTTPS", name: "example.test", data: { priority: 1, target: ".", value: 'alpn="h2"' }, ttl: 300 },
  ],
});

/** Deterministic: the same files give the same seeds (runs are reproducible from their fast-check seed). */
export function loadSeeds(): Seeds {
  const lines = new Set<string>();
  for (const p of [...walk(CORPORA), ...walk(EXPORTS)]) {
    if (p.endsWith(".json") || p.endsWith(".tsv")) continue;
    for (const l of readFileSync(p, "latin1").split("\n")) {
      if (l.trim() !== "" && l.length < 2000 && lines.size < 30_000) lines.add(l.replace(/\r$/, ""));
    }
  }
  const zoneLines = [...lines];
  if (zoneLines.length === 0) zoneLines.push("@ 3600 IN SOA ns1 host 1 2 3 4 5", "www IN A 192.0.2.1", "mx MX 10 mail");

  const tokens = new Set<string>();
  const rdata: Seeds["rdata"] = [];
  for (const l of zoneLines) {
    const toks = tokenize(l.replace(/;.*$/, ""));
    for (const t of toks) if (tokens.size < 5000 && t.text.length < 100) tokens.add(t.quoted ? `"${t.text}"` : t.text);
    for (let i = 0; i < Math.min(toks.length, 5); i++) {
      const type = toks[i].quoted ? undefined : typeFromText(toks[i].text);
      if (type !== undefined && i + 1 < toks.length) {
        rdata.push({
          type,
          text: l
            .replace(/;.*$/, "")
            .split(/\s+/)
            .slice(i + 1)
            .join(" "),
        });
        break;
      }
    }
  }

  const fixture = (f: string) => {
    const p = join(EXPORTS, f);
    return existsSync(p) ? readFileSync(p, "latin1") : null;
  };
  const textExports = [
    "cloudflare-export.txt",
    "dig-axfr.txt",
    "dig-axfr-refused.txt",
    "powerdns-alias.zone",
    "registrar-export-incomplete.zone",
    "live-zone-old-operator.zone",
  ]
    .map(fixture)
    .filter((x): x is string => x !== null);
  if (textExports.length === 0) textExports.push(zoneLines.join("\n"));
  const r53 = fixture("route53-list-resource-record-sets.json");
  return {
    zoneLines,
    tokens: [...tokens],
    rdata: rdata.length > 0 ? rdata : [{ type: 1, text: "192.0.2.1" }],
    textExports,
    route53: r53
      ? [r53]
      : [
          JSON.stringify({
            ResourceRecordSets: [
              { Name: "example.test.", Type: "A", TTL: 300, ResourceRecords: [{ Value: "192.0.2.1" }] },
            ],
          }),
        ],
    cloudflareJson: [CLOUDFLARE_JSON],
  };
}
