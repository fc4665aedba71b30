/**
 * Hand-built review inputs for unit tests: tiny master-file texts become
 * sources and fake servers that answer every question the way an
 * authoritative server would (answer / referral / NODATA / NXDOMAIN).
 */
import type { Delegation } from "../../dns/delegation";
import type { ServerSummary, Snapshot } from "../../dns/run-snapshot";
import type { EvidenceRecord, ServerAnswer } from "../../dns/types";
import { buildDiff, type DiffSource } from "../../diff/build-diff";
import { importZone, type ImportFormat } from "../../zone/import";
import { isSubdomain, nameKey, nameLength, nameToText, namesEqual, name as wire } from "../../zone/name";
import { soaSerial } from "../../diff/zone-view";
import { parseZone } from "../../zone/parse";
import { T } from "../../zone/rrtype";
import type { ZoneRecord } from "../../zone/types";
import { DEFAULT_MARGIN_SECONDS } from "../timing";
import type { CheckInput, TransferFacts } from "../types";

export const ZONE = "example.test.";

export function records(text: string, origin = ZONE): ZoneRecord[] {
  const r = parseZone(text, { file: "t.zone", origin: wire(origin), defaultTtl: 3600 });
  if (r.diagnostics.some((d) => d.severity === "error"))
    throw new Error(r.diagnostics.map((d) => d.message).join("; "));
  return r.records;
}

export function source(name: string, text: string, format: ImportFormat = "bind"): DiffSource {
  return {
    name,
    result: importZone([{ name, bytes: Buffer.from(text, "latin1") }], { format, origin: ZONE, defaultTtl: 3600 }),
  };
}

export interface FakeServer {
  name: string;
  address: string;
  /** Zone text the server serves; null = down (times out). */
  zone: string | null;
  ra?: boolean;
}

const SOA_DEFAULT = "@ 3600 IN SOA ns1.old.test. host.example.test. 1 7200 900 1209600 300";

function evidence(r: ZoneRecord, section: EvidenceRecord["section"]): EvidenceRecord {
  return { ...r, section };
}

function answerFor(
  s: FakeServer,
  recs: ZoneRecord[],
  q: { name: Uint8Array; type: number },
  zone: Uint8Array,
): ServerAnswer {
  const base = {
    server: { name: s.name, address: s.address, port: 53 },
    transport: "udp" as const,
    question: { ...q, class: 1 },
    edns: { udpSize: 1232, do: false, version: 0 },
    elapsedMs: 1,
    attempts: 1,
    mismatches: 0,
    timestamp: "2026-10-01T00:00:00.000Z",
  };
  if (s.zone === null)
    return {
      ...base,
      rcode: null,
      flags: null,
      edns: null,
      records: [],
      error: { kind: "timeout", message: "no answer" },
    };
  const flags = (aa: boolean) => ({ aa, tc: false, rd: false, ra: !!s.ra, ad: false, cd: false });
  const cuts = recs.filter((r) => r.type === T.NS && !namesEqual(r.owner, zone)).map((r) => r.owner);
  const cut = cuts.find((c) => isSubdomain(q.name, c) && !(namesEqual(c, q.name) && q.type === T.DS));
  if (cut)
    return {
      ...base,
      rcode: 0,
      flags: flags(false),
      error: null,
      records: recs.filter((r) => r.type === T.NS && namesEqual(r.owner, cut)).map((r) => evidence(r, "authority")),
    };
  const at = recs.filter((r) => namesEqual(r.owner, q.name));
  const cname = at.filter((r) => r.type === T.CNAME);
  const hit = cname.length && q.type !== T.CNAME ? cname : at.filter((r) => r.type === q.type);
  if (hit.length)
    return { ...base, rcode: 0, flags: flags(true), error: null, records: hit.map((r) => evidence(r, "answer")) };
  const soa = recs.filter((r) => r.type === T.SOA).map((r) => evidence(r, "authority"));
  const exists = recs.some((r) => isSubdomain(r.owner, q.name));
  return { ...base, rcode: exists ? 0 : 3, flags: flags(true), error: null, records: soa };
}

/** A snapshot whose servers answer every (owner, type) of `questions` plus apex SOA/NS/DNSKEY. */
export function snapshot(
  servers: FakeServer[],
  questions: { name: Uint8Array; type: number }[],
  delegation: Delegation | null = null,
): Snapshot {
  const zone = wire(ZONE);
  const answers: ServerAnswer[] = [];
  const summaries: ServerSummary[] = [];
  const qs = [{ name: zone, type: T.SOA }, { name: zone, type: T.NS }, { name: zone, type: T.DNSKEY }, ...questions];
  const seen = new Set<string>();
  const uniq = qs.filter((q) => {
    const k = nameKey(q.name) + "|" + q.type;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  for (const s of servers) {
    const recs = s.zone === null ? [] : records(s.zone.includes(" SOA ") ? s.zone : SOA_DEFAULT + "\n" + s.zone);
    for (const q of uniq) answers.push(answerFor(s, recs, q, zone));
    const soa = recs.find((r) => r.type === T.SOA);
    const up = s.zone !== null;
    const serial = soa ? soaSerial(soa.rdata) : null;
    const mname = soa ? nameToText(soa.rdata.subarray(0, nameLength(soa.rdata))) : null;
    summaries.push({
      name: s.name,
      address: s.address,
      port: 53,
      soaSerial: serial,
      soaMname: mname,
      ns: recs
        .filter((r) => r.type === T.NS && namesEqual(r.owner, zone))
        .map((r) => nameToText(r.rdata))
        .sort(),
      udp: up,
      tcp: up,
      authoritative: up,
      axfr: "not-tried",
      axfrRecords: 0,
      failures: up ? [] : ["SOA/udp: timeout: no answer"],
      error: up ? null : "timeout: no answer",
    });
  }
  return {
    zone: ZONE,
    startedAt: "2026-10-01T00:00:00.000Z",
    finishedAt: "2026-10-01T00:00:01.000Z",
    mode: delegation ? "delegation" : "explicit",
    delegation,
    servers: summaries,
    names: [],
    zoneCuts: [],
    wildcard: false,
    answers,
    axfr: [],
    sentTo: {},
    counts: { planned: answers.length, sent: answers.length, answered: answers.length, failed: 0 },
  };
}

export function delegationOf(nsText: string, dsText = ""): Delegation {
  const ns = records(nsText).map((r) => ({ ...r, section: "authority" as const }));
  const ds = dsText ? records(dsText).map((r) => ({ ...r, section: "answer" as const })) : [];
  return { zone: ZONE, parent: "test.", parentServers: [], ns, glue: [], ds, servers: [], answers: [], problem: null };
}

export interface InputSpec {
  sources?: DiffSource[];
  old?: FakeServer[];
  neu?: FakeServer[];
  delegation?: Delegation | null;
  facts?: Partial<TransferFacts>;
  now?: Date;
  /** Questions beyond the records' own (e.g. MX targets a real run asks in its second pass). */
  ask?: { name: string; type: number }[];
}

/** Every (owner, type) any party holds is asked at every server, like a real run. */
export function input(spec: InputSpec): CheckInput {
  const texts = [...(spec.old ?? []), ...(spec.neu ?? [])].map((s) => s.zone ?? "");
  const all = [
    ...texts.flatMap((t) => records(t.includes(" SOA ") ? t : SOA_DEFAULT + "\n" + t)),
    ...(spec.sources ?? []).flatMap((s) => s.result.records),
  ];
  // Like a real run without AXFR: every known (owner, type), the common labels checks read, and in-zone MX targets' addresses.
  const zoneWire = wire(ZONE);
  const targets = all
    .filter((r) => r.type === T.MX)
    .map((r) => r.rdata.subarray(2))
    .filter((t) => isSubdomain(t, zoneWire));
  const common = [
    ...[T.TXT].map((type) => ({ name: wire(`_dmarc.${ZONE}`), type })),
    ...[T.A, T.AAAA, T.CNAME].map((type) => ({ name: wire(`mta-sts.${ZONE}`), type })),
  ];
  const questions = [
    ...all.map((r) => ({ name: r.owner, type: r.type })),
    ...common,
    ...targets.flatMap((t) => [T.A, T.AAAA].map((type) => ({ name: t, type }))),
    ...(spec.ask ?? []).map((q) => ({ name: wire(q.name), type: q.type })),
  ];
  const old = spec.old ? snapshot(spec.old, questions, spec.delegation ?? null) : null;
  const neu = spec.neu ? snapshot(spec.neu, questions) : null;
  const facts: TransferFacts = { domain: ZONE, dnsHostingMoves: true, ...spec.facts };
  const sources = spec.sources ?? [];
  const { diff, views } = buildDiff({ zone: ZONE, sources, old, neu, operatorChange: facts.dnsHostingMoves === true });
  return {
    zone: ZONE,
    facts,
    sources,
    old,
    neu,
    diff,
    views,
    rdap: null,
    http: [],
    now: spec.now ?? new Date("2026-10-01T00:00:00Z"),
    marginSeconds: DEFAULT_MARGIN_SECONDS,
  };
}

/**
 * The same input as if the run had been cut off: answers of the
 * chosen side matching `lost` became "deadline" (never sent), the snapshot is
 * marked incomplete, and diff and views are rebuilt from that.
 */
export function partial(i: CheckInput, side: "old" | "new", lost: (a: ServerAnswer) => boolean): CheckInput {
  const snap = side === "old" ? i.old : i.neu;
  if (!snap) throw new Error(`no ${side} snapshot`);
  const answers = snap.answers.map((a) =>
    lost(a)
      ? {
          ...a,
          rcode: null,
          flags: null,
          edns: null,
          records: [],
          error: { kind: "deadline" as const, message: "run deadline reached" },
        }
      : a,
  );
  const cut: Snapshot = { ...snap, answers, incomplete: "the run's deadline passed" };
  const old = side === "old" ? cut : i.old;
  const neu = side === "new" ? cut : i.neu;
  const { diff, views } = buildDiff({
    zone: i.zone,
    sources: i.sources,
    old,
    neu,
    operatorChange: i.facts.dnsHostingMoves === true,
  });
  return { ...i, old, neu, diff, views };
}

/** Whether an answer is about `name` (absolute presentation) and, when given, `type`. */
export function about(name: string, type?: number): (a: ServerAnswer) => boolean {
  const w = wire(name);
  return (a) => namesEqual(a.question.name, w) && (type === undefined || a.question.type === type);
}
