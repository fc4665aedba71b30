/**
 * Cloudflare API JSON: `GET /zones/:id/dns_records` (`{ result: [...] }`), a
 * `{ dns_records: [...] }` dump, or a plain array. Each record has `type`,
 * `name` (absolute, no trailing dot), `content`, `ttl` (1 = automatic),
 * `proxied`, `priority` and `data` for structured types.
 */
import { z } from "zod";
import { parseName, nameToText, ROOT, namesEqual } from "../name";
import { typeFromText, typeToText, isMetaType, T } from "../rrtype";
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import type { Diagnostic, ZoneRecord } from "../types";
import { tally, recount, type Counts } from "./report";
import { makeProviderRecord } from "./provider-record";
import { parseJsonFile, keyLines } from "./json";
import { valueToWire } from "./value";
import { utf8ToOctetText } from "./text";
import { CLOUDFLARE_AUTO_TTL, CLOUDFLARE_AUTO_TTL_SECONDS } from "./cloudflare";
import { diag, sortByPosition, type DecodedFile, type FormatOptions, type FormatOutput } from "./internal";
import type { ProviderRecord } from "./types";

export const cloudflareApiRecordSchema = z.looseObject({
  type: z.string().min(1),
  name: z.string().min(1),
  content: z.string().optional(),
  ttl: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  proxied: z.boolean().optional(),
  priority: z.number().int().min(0).max(65535).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  zone_name: z.string().optional(),
  comment: z.string().nullable().optional(),
});
export type CloudflareApiRecord = z.infer<typeof cloudflareApiRecordSchema>;

/** The record list inside any of the accepted containers, or null. */
export function cloudflareRecordList(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (typeof value === "object" && value !== null) {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.result)) return v.result;
    if (Array.isArray(v.dns_records)) return v.dns_records;
  }
  return null;
}

/** Whether a parsed JSON value looks like Cloudflare API output (for detection). */
export function looksLikeCloudflareJson(value: unknown): boolean {
  const list = cloudflareRecordList(value);
  if (!list || list.length === 0) return false;
  // Tolerant on purpose: one malformed record must not turn the whole file into "unknown format".
  const objects = list.every((r) => typeof r === "object" && r !== null && !Array.isArray(r));
  return (
    objects &&
    list.some(
      (r) =>
        "type" in (r as object) && "name" in (r as object) && ("content" in (r as object) || "data" in (r as object)),
    )
  );
}

function quoteTxt(text: string): string {
  // RFC 1035 §3.3.14: one character-string holds at most 255 octets.
  const bytes = utf8ToOctetText(text);
  const parts: string[] = [];
  for (let i = 0; i < bytes.length || i === 0; i += 255) {
    parts.push('"' + bytes.slice(i, i + 255).replace(/[\\"]/g, (c) => "\\" + c) + '"');
  }
  return parts.join(" ");
}

const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

/** Presentation RDATA for one API record (data wins for structured types when content is absent). */
export function presentationOf(r: CloudflareApiRecord): string {
  const type = r.type.toUpperCase();
  const d = r.data ?? {};
  const content = r.content;
  switch (type) {
    case "MX":
      return `${r.priority ?? str(d.priority)} ${content ?? ""}`.trim();
    case "TXT":
    case "SPF":
      return content === undefined
        ? ""
        : content.trimStart().startsWith('"')
          ? utf8ToOctetText(content)
          : quoteTxt(content);
    case "SRV":
      if (d.target !== undefined)
        return `${str(d.priority ?? r.priority)} ${str(d.weight)} ${str(d.port)} ${str(d.target)}`;
      return content && content.trim().split(/\s+/).length === 3 ? `${r.priority ?? 0} ${content}` : (content ?? "");
    case "URI":
      if (d.target !== undefined) return `${r.priority ?? str(d.priority)} ${str(d.weight)} ${quoteTxt(str(d.target))}`;
      return content && content.trim().split(/\s+/).length === 2 ? `${r.priority ?? 0} ${content}` : (content ?? "");
    case "CAA":
      if (content) return content;
      return `${str(d.flags)} ${str(d.tag)} ${quoteTxt(str(d.value))}`;
  }
  if (content !== undefined && content !== "") return content;
  switch (type) {
    case "SSHFP":
      return `${str(d.algorithm)} ${str(d.type)} ${str(d.fingerprint)}`;
    case "TLSA":
    case "SMIMEA":
      return `${str(d.usage)} ${str(d.selector)} ${str(d.matching_type)} ${str(d.certificate)}`;
    case "DS":
      return `${str(d.key_tag)} ${str(d.algorithm)} ${str(d.digest_type)} ${str(d.digest)}`;
    case "DNSKEY":
      return `${str(d.flags)} ${str(d.protocol)} ${str(d.algorithm)} ${str(d.public_key)}`;
    case "CERT":
      return `${str(d.type)} ${str(d.key_tag)} ${str(d.algorithm)} ${str(d.certificate)}`;
    case "NAPTR":
      return `${str(d.order)} ${str(d.preference)} ${quoteTxt(str(d.flags))} ${quoteTxt(str(d.service))} ${quoteTxt(str(d.regex))} ${str(d.replacement) || "."}`;
    case "HTTPS":
    case "SVCB":
      return `${str(d.priority)} ${str(d.target)} ${str(d.value)}`.trim();
  }
  return "";
}

/** The zone: explicit, else zone_name, else the longest common suffix of all names. */
function originOf(options: FormatOptions, recs: CloudflareApiRecord[]): string | null {
  if (options.origin) return options.origin.endsWith(".") ? options.origin : options.origin + ".";
  const zn = recs.find((r) => r.zone_name)?.zone_name;
  if (zn) return zn.endsWith(".") ? zn : zn + ".";
  if (recs.length === 0) return null;
  let common = recs[0].name.toLowerCase().replace(/\.$/, "").split(".").reverse();
  for (const r of recs) {
    const l = r.name.toLowerCase().replace(/\.$/, "").split(".").reverse();
    let i = 0;
    while (i < common.length && i < l.length && common[i] === l[i]) i++;
    common = common.slice(0, i);
  }
  return common.length > 0 ? common.reverse().join(".") + "." : null;
}

export function importCloudflareJson(files: DecodedFile[], options: FormatOptions): FormatOutput {
  const diagnostics: Diagnostic[] = [];
  const counts: Counts = {};
  const records: ZoneRecord[] = [];
  const providerRecords: ProviderRecord[] = [];
  const valid: { r: CloudflareApiRecord; file: string; line: number }[] = [];
  let readable = 0;

  for (const f of files) {
    const json = parseJsonFile(f);
    if (!json.ok) {
      diagnostics.push(json.diagnostic);
      continue;
    }
    const list = cloudflareRecordList(json.value);
    if (!list) {
      diagnostics.push(
        diag({
          file: f.name,
          line: 0,
          column: 0,
          code: D.BAD_FORMAT,
          message:
            "not Cloudflare API output: expected { result: [...] }, { dns_records: [...] } or an array of records",
        }),
      );
      continue;
    }
    readable++;
    const lines = keyLines(json.text, "type");
    const aligned = lines.length === list.length;
    list.forEach((item, index) => {
      const line = aligned ? lines[index] : 0;
      const p = cloudflareApiRecordSchema.safeParse(item);
      if (p.success) {
        valid.push({ r: p.data, file: f.name, line });
        return;
      }
      const t = (item as { type?: unknown })?.type;
      const issues = p.error.issues.map((i) => `${i.path.join(".") || "(record)"}: ${i.message}`).join("; ");
      diagnostics.push(
        diag({
          file: f.name,
          line,
          column: 0,
          code: D.BAD_FORMAT,
          message: `record #${index} is not a valid Cloudflare DNS record: ${issues}`,
        }),
      );
      tally(counts, typeof t === "string" ? t.toUpperCase() : "UNKNOWN", "rejected");
    });
  }

  const origin = originOf(
    options,
    valid.map((v) => v.r),
  );
  const originWire = origin ? parseName(origin, null) : null;
  for (const { r, file, line } of valid) {
    const typeNum = typeFromText(r.type);
    const typeText = typeNum !== undefined ? typeToText(typeNum) : r.type.toUpperCase();
    const nameText = utf8ToOctetText(r.name.endsWith(".") ? r.name : r.name + ".");
    const owner = parseName(nameText, ROOT);
    if (!owner.ok) {
      diagnostics.push(
        diag({ file, line, column: 0, code: owner.code, message: `name "${r.name}": ${owner.message}` }),
      );
      tally(counts, typeText, "rejected");
      continue;
    }
    const ownerText = nameToText(owner.wire);
    if (typeNum === undefined || isMetaType(typeNum)) {
      diagnostics.push(
        diag({
          file,
          line,
          column: 0,
          code: typeNum === undefined ? D.UNKNOWN_TYPE : D.META_TYPE,
          message: `${ownerText}: type "${r.type}" cannot be represented`,
        }),
      );
      tally(counts, typeText, "rejected");
      continue;
    }
    const value = presentationOf(r);
    const w = valueToWire(typeNum, value, { file, line, what: `${ownerText} ${typeText}` });
    if (!w.ok) {
      diagnostics.push(w.diagnostic);
      tally(counts, typeText, "rejected");
      continue;
    }
    const auto = r.ttl === undefined || r.ttl === CLOUDFLARE_AUTO_TTL;
    const ttl = auto ? CLOUDFLARE_AUTO_TTL_SECONDS : r.ttl!;
    if (auto)
      diagnostics.push(
        diag({
          file,
          line,
          column: 0,
          code: D.AUTO_TTL,
          message: `${ownerText} ${typeText}: TTL 1 is Cloudflare's "automatic"; 300 s assumed`,
          severity: "warning",
        }),
      );
    const attributes: ProviderRecord["attributes"] = { proxied: r.proxied ?? false };
    if (auto) attributes.autoTtl = true;
    if (r.comment) attributes.comment = r.comment;
    const apex = originWire?.ok === true && namesEqual(owner.wire, originWire.wire);
    const kind = r.proxied ? "proxied" : typeNum === T.CNAME && apex ? "flattened" : null;
    tally(counts, typeText, "represented");
    if (kind) {
      recount(counts, typeText, "represented", "providerOnly");
      providerRecords.push(
        makeProviderRecord({
          provider: "cloudflare",
          kind,
          owner: ownerText,
          type: typeText,
          value,
          ttl,
          attributes,
          file,
          line,
          origin,
        }),
      );
      diagnostics.push(
        diag({
          file,
          line,
          column: 0,
          code: D.PROVIDER_RECORD,
          message: `${ownerText} ${typeText} is ${kind} by Cloudflare; kept as a provider record, not as zone data`,
          severity: "warning",
        }),
      );
      continue;
    }
    records.push({ owner: owner.wire, ttl, class: 1, type: typeNum, rdata: w.wire, file, line });
    if (auto) {
      providerRecords.push(
        makeProviderRecord({
          provider: "cloudflare",
          kind: "auto-ttl",
          owner: ownerText,
          type: typeText,
          value,
          ttl,
          attributes,
          file,
          line,
          origin,
          represented: true,
        }),
      );
    }
  }
  return {
    records,
    providerRecords,
    diagnostics: sortByPosition(diagnostics),
    diagnosticsDropped: 0,
    counts,
    origin,
    ok: readable > 0,
  };
}
