/**
 * Route 53 `aws route53 list-resource-record-sets` JSON (one or several
 * pages/files, merged). Alias records and routing-policy members exist only
 * inside Route 53 and become provider records (DESIGN §4).
 *
 * Escapes: Route 53 writes every character outside [a-z0-9-_.] as a
 * three-digit OCTAL escape (\052 = "*"), where master files use DECIMAL
 * \DDD (RFC 1035 §5.1). We rewrite octal escapes to decimal ones before the
 * shared name/RDATA parsers see them.
 */
import { z } from "zod";
import { parseName, nameToText, ROOT } from "../name";
import { typeFromText, typeToText, isMetaType } from "../rrtype";
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import type { Diagnostic, ZoneRecord } from "../types";
import { tally, type Counts } from "./report";
import { makeProviderRecord } from "./provider-record";
import { parseJsonFile, keyLines, safeStringify } from "./json";
import { valueToWire } from "./value";
import { utf8ToOctetText } from "./text";
import { diag, sortByPosition, type DecodedFile, type FormatOptions, type FormatOutput } from "./internal";
import type { ProviderRecord } from "./types";

const aliasTargetSchema = z.object({
  HostedZoneId: z.string(),
  DNSName: z.string().min(1),
  EvaluateTargetHealth: z.boolean().optional(),
});

export const route53RecordSetSchema = z.looseObject({
  Name: z.string().min(1),
  Type: z.string().min(1),
  TTL: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  ResourceRecords: z.array(z.object({ Value: z.string() })).optional(),
  AliasTarget: aliasTargetSchema.optional(),
  SetIdentifier: z.string().optional(),
  Weight: z.number().optional(),
  Region: z.string().optional(),
  GeoLocation: z.record(z.string(), z.string()).optional(),
  GeoProximityLocation: z.record(z.string(), z.unknown()).optional(),
  CidrRoutingConfig: z.record(z.string(), z.unknown()).optional(),
  Failover: z.string().optional(),
  MultiValueAnswer: z.boolean().optional(),
  HealthCheckId: z.string().optional(),
  TrafficPolicyInstanceId: z.string().optional(),
});
export type Route53RecordSet = z.infer<typeof route53RecordSetSchema>;

export const route53PageSchema = z.looseObject({
  ResourceRecordSets: z.array(z.unknown()),
  IsTruncated: z.boolean().optional(),
  NextRecordName: z.string().optional(),
  NextRecordType: z.string().optional(),
});

/** Whether a parsed JSON value looks like Route 53 output (for detection). */
export function looksLikeRoute53(value: unknown): boolean {
  if (route53PageSchema.safeParse(value).success) return true;
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => typeof v === "object" && v !== null && "Name" in v && "Type" in v)
  );
}

/** Octal \ooo (Route 53) -> decimal \DDD (RFC 1035 §5.1); "*" stays literal so wildcards read naturally. */
export function octalToDecimalEscapes(text: string): string {
  // An escaped backslash (two characters in the text) is consumed whole so the digits after it are never read as an escape.
  return text.replace(/\\(\\|[0-3][0-7]{2})/g, (m, oct: string) => {
    if (oct === "\\") return m;
    const code = parseInt(oct, 8);
    if (code === 0x2a) return "*";
    return "\\" + String(code).padStart(3, "0");
  });
}

function policyOf(s: Route53RecordSet): string {
  const parts = [`SetIdentifier ${s.SetIdentifier}`];
  if (s.Weight !== undefined) parts.push(`Weight ${s.Weight}`);
  if (s.Region) parts.push(`Region ${s.Region}`);
  if (s.GeoLocation)
    parts.push(
      `GeoLocation ${Object.entries(s.GeoLocation)
        .map(([k, v]) => `${k}=${v}`)
        .join(",")}`,
    );
  if (s.GeoProximityLocation) parts.push("GeoProximityLocation");
  if (s.CidrRoutingConfig) parts.push("CidrRoutingConfig");
  if (s.Failover) parts.push(`Failover ${s.Failover}`);
  if (s.MultiValueAnswer) parts.push("MultiValueAnswer");
  if (s.HealthCheckId) parts.push(`HealthCheckId ${s.HealthCheckId}`);
  return parts.join(", ");
}

function attributesOf(s: Route53RecordSet): ProviderRecord["attributes"] {
  const a: ProviderRecord["attributes"] = {};
  if (s.SetIdentifier !== undefined) a.SetIdentifier = s.SetIdentifier;
  if (s.Weight !== undefined) a.Weight = s.Weight;
  if (s.Region !== undefined) a.Region = s.Region;
  // parseJsonFile bounds the depth (MAX_JSON_DEPTH); safeStringify is the second line of defence.
  if (s.GeoLocation) a.GeoLocation = safeStringify(s.GeoLocation) ?? "(unreadable)";
  if (s.GeoProximityLocation) a.GeoProximityLocation = safeStringify(s.GeoProximityLocation) ?? "(unreadable)";
  if (s.CidrRoutingConfig) a.CidrRoutingConfig = safeStringify(s.CidrRoutingConfig) ?? "(unreadable)";
  if (s.Failover !== undefined) a.Failover = s.Failover;
  if (s.MultiValueAnswer !== undefined) a.MultiValueAnswer = s.MultiValueAnswer;
  if (s.HealthCheckId !== undefined) a.HealthCheckId = s.HealthCheckId;
  if (s.AliasTarget) {
    a.HostedZoneId = s.AliasTarget.HostedZoneId;
    a.DNSName = s.AliasTarget.DNSName;
    a.EvaluateTargetHealth = s.AliasTarget.EvaluateTargetHealth ?? null;
  }
  return a;
}

interface Located {
  set: unknown;
  file: string;
  line: number;
  index: number;
}

/** Read every page; returns the record sets with their position and page-level diagnostics. */
function readPages(files: DecodedFile[], diagnostics: Diagnostic[]): Located[] {
  const out: Located[] = [];
  const seen = new Set<string>();
  let pages = 0;
  let truncatedPages = 0;
  let next = "";
  // NextRecordName/Type of each truncated page: the first set of the page that must follow it.
  const wanted: { file: string; name: string; type: string | undefined }[] = [];
  for (const f of files) {
    const json = parseJsonFile(f);
    if (!json.ok) {
      diagnostics.push(json.diagnostic);
      continue;
    }
    const page = route53PageSchema.safeParse(json.value);
    const sets = page.success ? page.data.ResourceRecordSets : Array.isArray(json.value) ? json.value : null;
    if (!sets) {
      diagnostics.push(
        diag({
          file: f.name,
          line: 0,
          column: 0,
          code: D.BAD_FORMAT,
          message: "not Route 53 list-resource-record-sets output: no ResourceRecordSets array",
        }),
      );
      continue;
    }
    pages++;
    if (page.success && page.data.IsTruncated) {
      truncatedPages++;
      next = `${page.data.NextRecordName ?? "?"} ${page.data.NextRecordType ?? ""}`.trim();
      if (page.data.NextRecordName !== undefined)
        wanted.push({ file: f.name, name: page.data.NextRecordName, type: page.data.NextRecordType });
    }
    const lines = keyLines(json.text, "Name");
    const aligned = lines.length === sets.length;
    sets.forEach((set, index) => {
      const line = aligned ? lines[index] : 0;
      // Overlapping pages deliver the same set twice: keep one. A set that
      // cannot be serialised is kept (validation below reports it), never thrown.
      const key = safeStringify(set);
      if (key !== null && seen.has(key)) {
        diagnostics.push(
          diag({
            file: f.name,
            line,
            column: 0,
            code: D.DUPLICATE_RR,
            message: `record set #${index} repeats one from an earlier page; kept once`,
            severity: "warning",
          }),
        );
        return;
      }
      if (key !== null) seen.add(key);
      out.push({ set, file: f.name, line, index });
    });
  }
  if (pages > 0 && truncatedPages === pages) {
    diagnostics.push(
      diag({
        file: files[files.length - 1].name,
        line: 0,
        column: 0,
        code: D.BAD_FORMAT,
        message: `every page says IsTruncated: true; the export is incomplete (next page starts at ${next}): fetch all pages`,
        severity: "warning",
      }),
    );
  } else {
    // A page missing in the middle: the set its predecessor names as next is nowhere in the input.
    const norm = (n: string) => n.toLowerCase().replace(/\.?$/, ".");
    const have = new Set<string>();
    for (const o of out) {
      const s = o.set as { Name?: unknown; Type?: unknown } | null;
      if (s && typeof s.Name === "string" && typeof s.Type === "string") {
        have.add(`${norm(s.Name)} ${s.Type.toUpperCase()}`);
        have.add(norm(s.Name));
      }
    }
    for (const w of wanted) {
      const key = w.type !== undefined ? `${norm(w.name)} ${w.type.toUpperCase()}` : norm(w.name);
      if (!have.has(key)) {
        diagnostics.push(
          diag({
            file: w.file,
            line: 0,
            column: 0,
            code: D.BAD_FORMAT,
            message:
              `this page says IsTruncated: true but the page starting at ${`${w.name} ${w.type ?? ""}`.trim()} is missing; ` +
              "the export is incomplete: fetch all pages",
            severity: "warning",
          }),
        );
      }
    }
  }
  return out;
}

function decodeName(raw: string, at: { file: string; line: number }, diagnostics: Diagnostic[]): Uint8Array | null {
  const text = octalToDecimalEscapes(raw);
  if (text !== raw)
    diagnostics.push(
      diag({
        file: at.file,
        line: at.line,
        column: 0,
        code: D.NORMALISED,
        message: `Route 53 octal escapes in "${raw}" read as "${text}"`,
        severity: "warning",
      }),
    );
  // JSON is UTF-8 text, the parsers read octets: re-encode so a non-ASCII label keeps its UTF-8 bytes.
  const r = parseName(utf8ToOctetText(text.endsWith(".") ? text : text + "."), ROOT);
  if (r.ok) return r.wire;
  diagnostics.push(
    diag({ file: at.file, line: at.line, column: 0, code: r.code, message: `Name "${raw}": ${r.message}` }),
  );
  return null;
}

export function importRoute53(files: DecodedFile[], options: FormatOptions): FormatOutput {
  const diagnostics: Diagnostic[] = [];
  const counts: Counts = {};
  const records: ZoneRecord[] = [];
  const providerRecords: ProviderRecord[] = [];
  const located = readPages(files, diagnostics);

  const parsedSets: { s: Route53RecordSet; at: Located }[] = [];
  for (const at of located) {
    const r = route53RecordSetSchema.safeParse(at.set);
    if (r.success) {
      parsedSets.push({ s: r.data, at });
      continue;
    }
    const type =
      typeof (at.set as { Type?: unknown })?.Type === "string"
        ? String((at.set as { Type: string }).Type).toUpperCase()
        : "UNKNOWN";
    const issues = r.error.issues.map((i) => `${i.path.join(".") || "(set)"}: ${i.message}`).join("; ");
    diagnostics.push(
      diag({
        file: at.file,
        line: at.line,
        column: 0,
        code: D.BAD_FORMAT,
        message: `ResourceRecordSets[${at.index}] is not a valid record set: ${issues}`,
      }),
    );
    tally(counts, type, "rejected");
  }

  const apexSet = parsedSets.find((p) => p.s.Type.toUpperCase() === "SOA");
  let origin: string | null = null;
  if (options.origin) origin = options.origin.endsWith(".") ? options.origin : options.origin + ".";
  else if (apexSet) {
    const apex = parseName(octalToDecimalEscapes(apexSet.s.Name).replace(/\.?$/, "."), ROOT);
    origin = apex.ok ? nameToText(apex.wire) : null;
  }

  // Values of each routing group, so the plain-RRset fallback can list them all.
  const groupValues = new Map<string, string[]>();
  for (const { s } of parsedSets) {
    if (s.SetIdentifier === undefined) continue;
    const k = `${s.Name.toLowerCase()}|${s.Type.toUpperCase()}`;
    const vals = s.AliasTarget ? [`ALIAS ${s.AliasTarget.DNSName}`] : (s.ResourceRecords ?? []).map((v) => v.Value);
    groupValues.set(k, [...(groupValues.get(k) ?? []), ...vals]);
  }

  for (const { s, at } of parsedSets) {
    const typeNum = typeFromText(s.Type);
    const typeText = typeNum !== undefined ? typeToText(typeNum) : s.Type.toUpperCase();
    const nValues = s.AliasTarget ? 1 : Math.max(1, s.ResourceRecords?.length ?? 0);
    const where = { file: at.file, line: at.line };
    const owner = decodeName(s.Name, where, diagnostics);
    if (!owner) {
      tally(counts, typeText, "rejected", nValues);
      continue;
    }
    const ownerText = nameToText(owner);
    const attributes = attributesOf(s);

    if (s.SetIdentifier !== undefined || s.AliasTarget) {
      const kind = s.SetIdentifier !== undefined ? "routing-policy" : "alias";
      const values = s.AliasTarget
        ? [octalToDecimalEscapes(s.AliasTarget.DNSName)]
        : (s.ResourceRecords ?? []).map((v) => octalToDecimalEscapes(v.Value));
      const members = groupValues.get(`${s.Name.toLowerCase()}|${s.Type.toUpperCase()}`);
      for (const value of values) {
        providerRecords.push(
          makeProviderRecord({
            provider: "route53",
            kind,
            owner: ownerText,
            type: typeText,
            value,
            ttl: s.TTL ?? null,
            attributes,
            file: at.file,
            line: at.line,
            origin,
            policy: kind === "routing-policy" ? policyOf(s) : undefined,
            members,
          }),
        );
        tally(counts, typeText, "providerOnly");
        diagnostics.push(
          diag({
            file: at.file,
            line: at.line,
            column: 0,
            code: D.PROVIDER_RECORD,
            message: `${ownerText} ${typeText} is a Route 53 ${kind === "alias" ? "alias" : "routing-policy member"}; kept as a provider record`,
            severity: "warning",
          }),
        );
      }
      if (values.length === 0) {
        diagnostics.push(
          diag({
            file: at.file,
            line: at.line,
            column: 0,
            code: D.BAD_FORMAT,
            message: `${ownerText} ${typeText}: routing-policy set without ResourceRecords`,
          }),
        );
        tally(counts, typeText, "rejected");
      }
      continue;
    }

    if (typeNum === undefined || isMetaType(typeNum)) {
      diagnostics.push(
        diag({
          file: at.file,
          line: at.line,
          column: 0,
          code: typeNum === undefined ? D.UNKNOWN_TYPE : D.META_TYPE,
          message: `${ownerText}: type "${s.Type}" cannot be represented`,
        }),
      );
      tally(counts, typeText, "rejected", nValues);
      continue;
    }
    if (s.TTL === undefined) {
      diagnostics.push(
        diag({
          file: at.file,
          line: at.line,
          column: 0,
          code: D.BAD_TTL,
          message: `${ownerText} ${typeText}: record set without TTL (only alias records lack one)`,
        }),
      );
      tally(counts, typeText, "rejected", nValues);
      continue;
    }
    if (!s.ResourceRecords || s.ResourceRecords.length === 0) {
      diagnostics.push(
        diag({
          file: at.file,
          line: at.line,
          column: 0,
          code: D.UNEXPECTED_END,
          message: `${ownerText} ${typeText}: record set without ResourceRecords`,
        }),
      );
      tally(counts, typeText, "rejected");
      continue;
    }
    s.ResourceRecords.forEach((rr, i) => {
      const value = octalToDecimalEscapes(rr.Value);
      if (value !== rr.Value)
        diagnostics.push(
          diag({
            file: at.file,
            line: at.line,
            column: 0,
            code: D.NORMALISED,
            message: `Route 53 octal escapes in ${JSON.stringify(rr.Value)} read as ${JSON.stringify(value)}`,
            severity: "warning",
          }),
        );
      // UTF-8 text -> octets, as in a master file: "é" must become C3 A9 (what the server sends), not E9.
      const w = valueToWire(typeNum, utf8ToOctetText(value), {
        ...where,
        what: `${ownerText} ${typeText} ResourceRecords[${i}]`,
      });
      if (!w.ok) {
        diagnostics.push(w.diagnostic);
        tally(counts, typeText, "rejected");
        return;
      }
      records.push({ owner, ttl: s.TTL!, class: 1, type: typeNum, rdata: w.wire, file: at.file, line: at.line });
      tally(counts, typeText, "represented");
    });
  }

  const fatal = located.length === 0 && diagnostics.some((d) => d.severity === "error" && d.code === D.BAD_FORMAT);
  return {
    records,
    providerRecords,
    diagnostics: sortByPosition(diagnostics),
    diagnosticsDropped: 0,
    counts,
    origin,
    ok: !fatal,
  };
}
