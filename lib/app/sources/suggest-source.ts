/**
 * What the upload form pre-fills for a chosen file: a label from the
 * detected format or the file name, and the $INCLUDE targets it names so the
 * form can attach those files to it. Runs in the browser on the first bytes
 * of the file, so it only mirrors lib/zone/import/detect.ts (which needs
 * node:crypto); the server always detects again on the full file.
 */
import type { ImportFormat } from "../../zone/import/types";

export interface SourceSuggestion {
  format: ImportFormat | null;
  label: string;
  /** Base names of files this one $INCLUDEs. */
  includes: string[];
}

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  bind: "zone file",
  cloudflare: "Cloudflare",
  axfr: "AXFR",
  route53: "Route 53",
  "cloudflare-json": "Cloudflare API",
  powerdns: "PowerDNS",
};

/** How many bytes of each file the form reads for the suggestion. */
export const SUGGEST_HEAD_BYTES = 64 * 1024;

// Same evidence as lib/zone/import/detect.ts.
const DIG_RE = /^;[ \t]*<<>>[ \t]*DiG\b|^;[ \t]*Transfer failed\.?[ \t]*$|^;;[ \t]*XFR size:/m;
const CLOUDFLARE_RE = /^;;[ \t]*Domain:[ \t]*\S+|cf_tags=/m;
const POWERDNS_RE = /^[^;\n]*[ \t](ALIAS|LUA|TYPE6540[12])[ \t]/im;
const MASTER_RE = /^\$(ORIGIN|TTL|INCLUDE|GENERATE)[ \t]|[ \t](IN[ \t]+)?(SOA|NS|A|AAAA|MX|CNAME|TXT)[ \t]/im;
const INCLUDE_RE = /^\$INCLUDE[ \t]+("([^"]+)"|(\S+))/gim;

function detectHead(head: string): ImportFormat | null {
  const text = head.replace(/^\uFEFF/, "").trimStart();
  if (text === "") return null;
  if (text.startsWith("{") || text.startsWith("[")) {
    if (/"ResourceRecordSets"\s*:/.test(text) || (/"Name"\s*:/.test(text) && /"Type"\s*:/.test(text))) return "route53";
    if (/"(type|name)"\s*:/.test(text) && /"(content|data)"\s*:/.test(text)) return "cloudflare-json";
    return null;
  }
  if (DIG_RE.test(text)) return "axfr";
  if (CLOUDFLARE_RE.test(text)) return "cloudflare";
  const body = text.replace(/;[^\n]*/g, "");
  if (POWERDNS_RE.test(body)) return "powerdns";
  return MASTER_RE.test(body) ? "bind" : null;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** "registrar-export_2024.zone" -> "registrar export 2024". */
function labelFromFileName(name: string): string {
  const stem = baseName(name).replace(/\.(zone|txt|db|json|bind|axfr|dns)$/i, "");
  const words = stem.replace(/[-_.]+/g, " ").trim();
  return words === "" ? name : words;
}

export function suggestSource(name: string, head: string): SourceSuggestion {
  const format = detectHead(head);
  const includes = [...head.matchAll(INCLUDE_RE)].map((m) => baseName(m[2] ?? m[3]));
  let label: string;
  if (/registrar/i.test(name)) label = "registrar export";
  else if (format && format !== "bind") label = FORMAT_LABELS[format];
  else label = labelFromFileName(name);
  return { format, label: label.slice(0, 100), includes };
}
