/**
 * Which portfolio member a dropped export belongs to. The evidence comes
 * from the importers themselves (lib/zone/import: format detection, the
 * origin they settle on, the records they read) and the upload form's
 * suggestion (lib/transfer/suggest-source.ts: the label), strongest first:
 * the file's $ORIGIN (RFC 1035 §5.1), its SOA owner (the zone apex, RFC 1035
 * §5.2), the zone name the export format carries (Cloudflare banner, Route 53
 * apex), then the owner names, counted per member domain they fall under.
 * A file nothing points to, or that points to two members, is reported with
 * the reason; the person decides, nothing is dropped.
 */
import { importZone } from "../../zone/import";
import { detectFileFormat } from "../../zone/import/detect";
import { decodeLatin1 } from "../../zone/import/text";
import { nameToText } from "../../zone/name";
import { suggestSource } from "../sources/suggest-source";

export interface FileEvidence {
  name: string;
  /** What the upload form would label it. */
  label: string;
  format: string | null;
  /** Why the format is unknown, when it is. */
  unreadable: string | null;
  /** The first $ORIGIN directive, lowercase, without the trailing dot. */
  originDirective: string | null;
  soaOwner: string | null;
  /** The origin the importer settled on (banner, apex, SOA), lowercase, without the trailing dot. */
  importedOrigin: string | null;
  /** Owner names of the records read, lowercase, without the trailing dot (distinct). */
  owners: string[];
}

export interface MatchMember {
  transferId: string;
  /** A-label, lowercase, no trailing dot (TransferRow.domainAscii). */
  domainAscii: string;
  domain: string;
}

export type MatchBy = "origin" | "soa" | "zone-name" | "owners";

export interface FileMatch {
  index: number;
  name: string;
  label: string;
  status: "matched" | "ambiguous" | "unmatched";
  /** The member chosen (matched), else null. */
  transferId: string | null;
  by: MatchBy | null;
  /** Members the evidence points to (two or more when ambiguous). */
  candidates: string[];
  /** One sentence a person reads next to the file. */
  reason: string;
}

const MAX_OWNERS = 200_000;

const bare = (n: string) => n.toLowerCase().replace(/\.$/, "");

/** Read one file as the importers do; never throws on bad input. */
export function fileEvidence(file: { name: string; bytes: Uint8Array }): FileEvidence {
  const head = decodeLatin1(file.bytes.subarray(0, 64 * 1024));
  const label = suggestSource(file.name, head).label;
  const detection = detectFileFormat(file);
  const empty = {
    name: file.name,
    label,
    format: detection.format,
    originDirective: null,
    soaOwner: null,
    importedOrigin: null,
    owners: [],
  };
  if (!detection.format) return { ...empty, unreadable: detection.reason };
  const text = detection.format === "route53" || detection.format === "cloudflare-json" ? "" : decodeLatin1(file.bytes);
  const directive = /^\$ORIGIN[ \t]+(\S+)/im.exec(text);
  let result: ReturnType<typeof importZone>;
  try {
    result = importZone([file], { providerDependencies: false });
  } catch (e) {
    return {
      ...empty,
      originDirective: directive ? bare(directive[1]) : null,
      unreadable: `the importer failed: ${(e as Error).message}`,
    };
  }
  const owners = new Set<string>();
  let soaOwner: string | null = null;
  for (const r of result.records) {
    const o = bare(nameToText(r.owner));
    if (r.type === 6 && soaOwner === null) soaOwner = o;
    if (owners.size < MAX_OWNERS) owners.add(o);
  }
  for (const p of result.providerRecords) if (owners.size < MAX_OWNERS) owners.add(bare(p.owner));
  return {
    ...empty,
    unreadable: null,
    originDirective: directive ? bare(directive[1]) : null,
    soaOwner,
    importedOrigin: result.report.origin ? bare(result.report.origin) : null,
    owners: [...owners],
  };
}

/** The member whose domain is `name` or the closest one above it. */
function memberFor(name: string, byDomain: Map<string, MatchMember>): MatchMember | null {
  let n = name;
  for (;;) {
    const m = byDomain.get(n);
    if (m) return m;
    const dot = n.indexOf(".");
    if (dot < 0) return null;
    n = n.slice(dot + 1);
  }
}

export function matchFile(index: number, ev: FileEvidence, members: readonly MatchMember[]): FileMatch {
  const base = { index, name: ev.name, label: ev.label };
  const byDomain = new Map(members.map((m) => [m.domainAscii, m]));
  if (ev.unreadable)
    return {
      ...base,
      status: "unmatched",
      transferId: null,
      by: null,
      candidates: [],
      reason: `not a zone export Cutover reads: ${ev.unreadable}`,
    };

  // Names the file gives for its own zone, strongest first; each must be a member exactly.
  const claims: { by: MatchBy; what: string; name: string }[] = [];
  if (ev.originDirective) claims.push({ by: "origin", what: "$ORIGIN", name: ev.originDirective });
  if (ev.soaOwner) claims.push({ by: "soa", what: "SOA owner", name: ev.soaOwner });
  // The importer's zone name usually repeats the $ORIGIN or SOA owner: only a name not given yet is more evidence.
  if (ev.importedOrigin && !claims.some((c) => c.name === ev.importedOrigin))
    claims.push({ by: "zone-name", what: "zone name", name: ev.importedOrigin });
  const hits = claims.flatMap((c) => {
    const m = byDomain.get(c.name);
    return m ? [{ ...c, member: m }] : [];
  });
  const distinct = [...new Set(hits.map((h) => h.member.transferId))];
  if (distinct.length > 1) {
    return {
      ...base,
      status: "ambiguous",
      transferId: null,
      by: null,
      candidates: distinct,
      reason: `the file names two members: ${hits.map((h) => `${h.what} ${h.member.domain}`).join(", ")}`,
    };
  }
  if (hits.length > 0) {
    const h = hits[0]!;
    return {
      ...base,
      status: "matched",
      transferId: h.member.transferId,
      by: h.by,
      candidates: [h.member.transferId],
      reason: `${h.what} is ${h.member.domain}`,
    };
  }

  // No zone name that is a member: count the owner names under each member's domain.
  const counts = new Map<string, { member: MatchMember; n: number }>();
  for (const o of ev.owners) {
    const m = memberFor(o, byDomain);
    if (!m) continue;
    const c = counts.get(m.transferId) ?? { member: m, n: 0 };
    c.n++;
    counts.set(m.transferId, c);
  }
  const ranked = [...counts.values()].sort((a, b) => b.n - a.n);
  const stated = claims[0] ? `its ${claims[0].what} is ${claims[0].name}., which is not a member` : null;
  if (ranked.length === 0) {
    return {
      ...base,
      status: "unmatched",
      transferId: null,
      by: null,
      candidates: [],
      reason:
        stated ??
        (ev.owners.length === 0
          ? "no records read, and no $ORIGIN or SOA"
          : `none of its ${ev.owners.length} owner names is at or below a member's domain`),
    };
  }
  // A claimed zone that is not a member, yet names below a member: the file is for another zone (e.g. a parent) — let the person decide.
  if (stated || (ranked[1] && ranked[1].n === ranked[0]!.n)) {
    return {
      ...base,
      status: "ambiguous",
      transferId: null,
      by: null,
      candidates: ranked.map((r) => r.member.transferId),
      reason: stated
        ? `${stated}, yet ${ranked[0]!.n} owner name(s) are under ${ranked.map((r) => r.member.domain).join(", ")}`
        : `owner names fall equally under ${ranked
            .filter((r) => r.n === ranked[0]!.n)
            .map((r) => r.member.domain)
            .join(" and ")}`,
    };
  }
  const top = ranked[0]!;
  return {
    ...base,
    status: "matched",
    transferId: top.member.transferId,
    by: "owners",
    candidates: ranked.map((r) => r.member.transferId),
    reason: `${top.n} of ${ev.owners.length} owner names are at or below ${top.member.domain}`,
  };
}

export function matchFiles(files: readonly FileEvidence[], members: readonly MatchMember[]): FileMatch[] {
  return files.map((ev, i) => matchFile(i, ev, members));
}
