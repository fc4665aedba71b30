/**
 * Content-based format detection. Each rule looks for evidence a format
 * always leaves (dig's banner, Cloudflare's ";; Domain:" banner and cf_tags,
 * PowerDNS-only types, the Route 53 / Cloudflare JSON shapes).
 */
import { decodeLatin1, decodeUtf8 } from "./text";
import { looksLikeRoute53 } from "./route53";
import { looksLikeCloudflareJson } from "./cloudflare-json";
import type { ImportFile, ImportFormat } from "./types";
import { classFromText, typeFromText } from "../rrtype";

export interface FileDetection {
  format: ImportFormat | null;
  /** Why (shown in BAD_FORMAT diagnostics and the report). */
  reason: string;
}

const DIG_RE = /^;[ \t]*<<>>[ \t]*DiG\b|^;[ \t]*Transfer failed\.?[ \t]*$|^;;[ \t]*XFR size:/m;
const CLOUDFLARE_RE = /^;;[ \t]*Domain:[ \t]*\S+|cf_tags=/m;
// ALIAS/LUA (or their private numbers) in the type position of a record line.
const POWERDNS_RE = /^[^;\n]*[ \t](ALIAS|LUA|TYPE6540[12])[ \t]/im;
const DIRECTIVE_RE = /^\$(ORIGIN|TTL|INCLUDE|GENERATE)[ \t]/im;
// BIND TTL syntax: seconds or units (1h30m), RFC 1035 §5.1 plus the BIND extension.
const TTL_RE = /^(\d+|(\d+[smhdw])+)$/i;

/** "owner [ttl] [class] TYPE rdata" (ttl/class in either order), with a type the registry knows. */
function looksLikeRecordLine(line: string): boolean {
  const tokens = line.trim().split(/\s+/);
  const ownerOmitted = /^[ \t]/.test(line);
  for (let i = ownerOmitted ? 0 : 1; i < Math.min(tokens.length - 1, 4); i++) {
    const t = tokens[i];
    if (TTL_RE.test(t) || classFromText(t) !== undefined) continue;
    return typeFromText(t) !== undefined;
  }
  return false;
}

function stripComments(text: string): string {
  return text.replace(/;[^\n]*/g, "");
}

/** `text`: the file already decoded as latin1, when the caller has it (a 1M-record file is 40 MB of string). */
export function detectFileFormat(file: ImportFile, text?: string): FileDetection {
  const head = decodeLatin1(file.bytes.subarray(0, 4096))
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, "")
    .trimStart();
  if (head === "") return { format: null, reason: "the file is empty" };
  if (head.startsWith("{") || head.startsWith("[")) {
    let value: unknown;
    try {
      value = JSON.parse(decodeUtf8(file.bytes));
    } catch {
      return { format: null, reason: "the file starts like JSON but is not valid JSON" };
    }
    if (looksLikeRoute53(value)) return { format: "route53", reason: "JSON with ResourceRecordSets (Route 53)" };
    if (looksLikeCloudflareJson(value))
      return { format: "cloudflare-json", reason: "JSON records with type/name/content (Cloudflare API)" };
    return {
      format: null,
      reason:
        "JSON that is neither Route 53 (ResourceRecordSets) nor Cloudflare API (result/dns_records with type, name, content)",
    };
  }
  text ??= decodeLatin1(file.bytes);
  if (DIG_RE.test(text)) return { format: "axfr", reason: "dig output banner" };
  if (CLOUDFLARE_RE.test(text)) return { format: "cloudflare", reason: 'Cloudflare ";; Domain:" banner or cf_tags' };
  // Both patterns match a line prefix free of ";", which stripping comments leaves as it is: they
  // run on the text itself, and the comment-free copy (as large as the file) is made only when needed.
  if (POWERDNS_RE.test(text)) return { format: "powerdns", reason: "PowerDNS ALIAS/LUA records" };
  if (DIRECTIVE_RE.test(text) || stripComments(text).split("\n").some(looksLikeRecordLine))
    return { format: "bind", reason: "RFC 1035 master file" };
  return { format: null, reason: "no zone records, directives or known export shape found" };
}

/**
 * The format of an import: files must agree, except that files without their
 * own evidence (e.g. $INCLUDE fragments) follow the others. null when nothing
 * fits or files disagree.
 */
export function detectFormat(files: ImportFile[], texts?: readonly string[]): ImportFormat | null {
  const found = new Set<ImportFormat>();
  for (const [i, f] of files.entries()) {
    const d = detectFileFormat(f, texts?.[i]).format;
    if (d) found.add(d);
  }
  // bind is the weakest evidence: master-file fragments of a Cloudflare/PowerDNS/AXFR import look like bind.
  if (found.size > 1) found.delete("bind");
  return found.size === 1 ? [...found][0] : null;
}
