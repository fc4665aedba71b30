/**
 * Cloudflare "Export DNS records" files: a master file with a `;;` banner,
 * no $ORIGIN, and Cloudflare attributes in trailing comments.
 *
 * Names: Cloudflare writes every name fully qualified, but the SOA owner (and
 * sometimes other owners) lack the trailing dot. We parse with the banner
 * domain as origin and treat an owner that ends in the banner domain as
 * absolute (append the dot before parsing), so "project.test" is the apex and
 * never "project.test.project.test.". Other relative owners stay relative to
 * the banner domain, as in any master file.
 */
import { T, typeToText } from "../rrtype";
import { rdataToText } from "../rdata";
import { nameToText, namesEqual } from "../name";
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import type { ZoneRecord } from "../types";
import { extractProviderTypes, originWireOf, parseMasterFiles } from "./master";
import { recount, tally, type Counts } from "./report";
import { makeProviderRecord } from "./provider-record";
import { diag, sortByPosition, type DecodedFile, type FormatOptions, type FormatOutput } from "./internal";
import type { ProviderRecord } from "./types";

/** Cloudflare's "automatic" TTL value and what it means (300 s). */
export const CLOUDFLARE_AUTO_TTL = 1;
export const CLOUDFLARE_AUTO_TTL_SECONDS = 300;

const BANNER_DOMAIN_RE = /^;;[ \t]*Domain:[ \t]*(\S+)/m;

/** The zone named by the export banner (";; Domain: project.test."), absolute, or null. */
export function bannerDomain(text: string): string | null {
  const m = BANNER_DOMAIN_RE.exec(text);
  if (!m) return null;
  return m[1].endsWith(".") ? m[1] : m[1] + ".";
}

/** Append the missing trailing dot to owners that end in the zone name; line numbers are kept. */
export function absolutiseOwners(text: string, domain: string): string {
  const bare = domain.slice(0, -1).toLowerCase();
  if (bare === "") return text;
  return text.replace(/^([^\s;$"()][^\s;"()]*)(?=[ \t])/gm, (owner) => {
    const lower = owner.toLowerCase();
    if (owner.endsWith(".")) return owner;
    return lower === bare || lower.endsWith("." + bare) ? owner + "." : owner;
  });
}

export interface ApexCname {
  line: number;
  ttl: number;
  target: string;
  comment: string | undefined;
}

/**
 * Cloudflare exports a flattened apex as "zone CNAME target" next to the SOA
 * and NS. parseZone rightly rejects that (RFC 1034 §3.6.2), so these lines
 * are taken out before parsing (line numbers kept) and reported as
 * `flattened` provider records.
 */
export function extractApexCnames(text: string, domain: string): { text: string; found: ApexCname[] } {
  const bare = domain.slice(0, -1).toLowerCase();
  const found: ApexCname[] = [];
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    const semi = line.indexOf(";");
    const body = semi >= 0 ? line.slice(0, semi) : line;
    const t = body.trim().split(/\s+/);
    if (t.length < 3 || /^\s/.test(line) || t[0].toLowerCase().replace(/\.$/, "") !== bare) return;
    let j = 1;
    let ttl = CLOUDFLARE_AUTO_TTL_SECONDS;
    for (; j < t.length && j <= 3; j++) {
      if (/^\d+$/.test(t[j])) ttl = Number(t[j]);
      else if (t[j].toUpperCase() !== "IN") break;
    }
    if (t[j]?.toUpperCase() !== "CNAME" || t[j + 1] === undefined) return;
    const target = t[j + 1].endsWith(".") ? t[j + 1] : t[j + 1] + ".";
    found.push({ line: i + 1, ttl, target, comment: semi >= 0 ? line.slice(semi + 1) : undefined });
    lines[i] = line.endsWith("\r") ? "\r" : "";
  });
  return { text: lines.join("\n"), found };
}

/** cf_tags=key:value,key:value from a trailing comment; `before` is the user's own comment text. */
export function parseCfTags(comment: string | undefined): { tags: Record<string, string>; before: string } {
  if (!comment) return { tags: {}, before: "" };
  const m = /cf_tags=(\S*)/.exec(comment);
  if (!m) return { tags: {}, before: comment.trim() };
  const tags: Record<string, string> = {};
  for (const part of m[1].split(",")) {
    const i = part.indexOf(":");
    if (i > 0) tags[part.slice(0, i)] = part.slice(i + 1);
  }
  return { tags, before: comment.slice(0, m.index).trim() };
}

interface Classified {
  keep: ZoneRecord[];
  providerRecords: ProviderRecord[];
}

function classify(
  records: ZoneRecord[],
  comments: (string | undefined)[],
  origin: string | null,
  counts: Counts,
  diagnostics: FormatOutput["diagnostics"],
): Classified {
  const keep: ZoneRecord[] = [];
  const providerRecords: ProviderRecord[] = [];
  const apexWire = records.find((r) => r.type === T.SOA)?.owner;
  records.forEach((rec, i) => {
    const { tags, before } = parseCfTags(comments[i]);
    const type = typeToText(rec.type);
    const owner = nameToText(rec.owner);
    const auto = rec.ttl === CLOUDFLARE_AUTO_TTL;
    const r: ZoneRecord = auto ? { ...rec, ttl: CLOUDFLARE_AUTO_TTL_SECONDS } : rec;
    if (auto) {
      diagnostics.push(
        diag({
          file: rec.file,
          line: rec.line,
          column: 0,
          code: D.AUTO_TTL,
          message: `${owner} ${type}: TTL 1 is Cloudflare's "automatic"; 300 s assumed`,
          severity: "warning",
        }),
      );
    }
    const attributes: ProviderRecord["attributes"] = {};
    for (const [k, v] of Object.entries(tags)) attributes[k] = v === "true" ? true : v === "false" ? false : v;
    if (before) attributes.comment = before;
    if (auto) attributes.autoTtl = true;
    const value = rdataToText(rec.type, rec.rdata);
    const proxied = tags["cf-proxied"] === "true";
    // A CNAME at the apex can only be Cloudflare flattening (RFC 1034 §3.6.2 forbids it in a real zone).
    const flattened = rec.type === T.CNAME && apexWire !== undefined && namesEqual(rec.owner, apexWire);
    const kind = proxied ? "proxied" : flattened ? "flattened" : null;
    if (kind) {
      recount(counts, type, "represented", "providerOnly");
      providerRecords.push(
        makeProviderRecord({
          provider: "cloudflare",
          kind,
          owner,
          type,
          value,
          ttl: r.ttl,
          attributes,
          file: rec.file,
          line: rec.line,
          origin,
        }),
      );
      diagnostics.push(
        diag({
          file: rec.file,
          line: rec.line,
          column: 0,
          code: D.PROVIDER_RECORD,
          message: `${owner} ${type} is ${kind} by Cloudflare; kept as a provider record, not as zone data`,
          severity: "warning",
        }),
      );
      return;
    }
    keep.push(r);
    if (auto) {
      providerRecords.push(
        makeProviderRecord({
          provider: "cloudflare",
          kind: "auto-ttl",
          owner,
          type,
          value,
          ttl: r.ttl,
          attributes,
          file: rec.file,
          line: rec.line,
          origin,
          represented: true,
        }),
      );
    }
  });
  return { keep, providerRecords };
}

export function importCloudflare(files: DecodedFile[], options: FormatOptions): FormatOutput {
  const diagnostics: FormatOutput["diagnostics"] = [];
  const domain = options.origin
    ? options.origin.endsWith(".")
      ? options.origin
      : options.origin + "."
    : bannerDomain(files[0]?.text ?? "");
  if (!domain) {
    diagnostics.push(
      diag({
        file: files[0]?.name ?? "",
        line: 0,
        column: 0,
        code: D.NO_ORIGIN,
        message: `no ";; Domain:" banner and no --origin: names without a trailing dot cannot be placed`,
        severity: "warning",
      }),
    );
  }
  const originWire = domain ? originWireOf(domain, files[0]?.name ?? "", diagnostics) : null;
  const origin = originWire ? nameToText(originWire) : null;
  const flattened: ProviderRecord[] = [];
  const parsed = parseMasterFiles(files, {
    ...options,
    originWire,
    keepComments: true,
    preprocess: (f) => {
      if (!domain || !origin) return f.text;
      const { text, found } = extractApexCnames(f.text, domain);
      for (const c of found) {
        const { tags, before } = parseCfTags(c.comment);
        const attributes: ProviderRecord["attributes"] = { ...tags };
        if (before) attributes.comment = before;
        const ttl = c.ttl === CLOUDFLARE_AUTO_TTL ? CLOUDFLARE_AUTO_TTL_SECONDS : c.ttl;
        if (c.ttl === CLOUDFLARE_AUTO_TTL) attributes.autoTtl = true;
        flattened.push(
          makeProviderRecord({
            provider: "cloudflare",
            kind: "flattened",
            owner: origin,
            type: "CNAME",
            value: c.target,
            ttl,
            attributes,
            file: f.name,
            line: c.line,
            origin,
          }),
        );
        diagnostics.push(
          diag({
            file: f.name,
            line: c.line,
            column: 1,
            code: D.PROVIDER_RECORD,
            message: `${origin} CNAME at the apex is Cloudflare CNAME flattening; kept as a provider record, not as zone data`,
            severity: "warning",
          }),
        );
      }
      return absolutiseOwners(text, domain);
    },
  });
  if (flattened.length > 0) tally(parsed.counts, "CNAME", "providerOnly", flattened.length);
  const pdns: ProviderRecord[] = [];
  extractProviderTypes(parsed, origin, pdns);
  const { keep, providerRecords } = classify(parsed.records, parsed.comments, origin, parsed.counts, diagnostics);
  return {
    records: keep,
    providerRecords: [...flattened, ...providerRecords, ...pdns],
    diagnostics: sortByPosition([...diagnostics, ...parsed.diagnostics]),
    diagnosticsDropped: parsed.diagnosticsDropped,
    counts: parsed.counts,
    origin,
    ok: true,
  };
}
