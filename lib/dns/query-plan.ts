/**
 * The per-name query plan of a snapshot: what to ask which
 * server, in the order that matters when a run is cut short, and how long it
 * should take. Pure: names, cuts and the servers' transfer results in, an
 * ordered list of queries out.
 *
 * A server whose AXFR succeeded is not asked what its transfer already proves
 * (every RRset of the zone, and the absence of everything else): it only gets
 * what a transfer cannot show — the apex's signer RRsets as answered (AA,
 * DNSKEY/CDS for the SEC checks), answers at zone cuts (referral NS, glue, DS;
 * RFC 1034 §4.2.1, RFC 4035 §3.1.4.1), the wildcard probe (NXDOMAIN vs
 * synthesis, RFC 4592) and a NODATA sample. A server that refused is asked
 * every known name with exactly its known types; guessed names (common
 * labels, NSEC walk, targets) come last and only when no transfer lists the
 * zone's names.
 */
import { isSubdomain, labelCount, nameKey, nameToText, namesEqual } from "../zone/name";
import { T, typesFor, type DiscoveredName } from "./discovery";
import type { ServerRef } from "./types";

/** Priority classes, most important first. */
export const PRIORITY_CLASSES = ["apex", "cuts", "services", "rest"] as const;
export type PriorityClass = (typeof PRIORITY_CLASSES)[number];

export interface PlannedQuery {
  server: ServerRef;
  name: DiscoveredName;
  type: number;
  cls: PriorityClass;
  /**
   * exact: a known (name, type), or a fixed question (apex, cut, probe);
   * guess: a name nobody listed — asked A first, its other types only where it exists.
   */
  kind: "exact" | "guess";
}

export interface PlanInput {
  apex: Uint8Array;
  names: readonly DiscoveredName[];
  cuts: readonly Uint8Array[];
  /** Servers whose full transfer succeeded. */
  transferred: readonly ServerRef[];
  /** Servers without a usable transfer (refused, failed, not tried). */
  queried: readonly ServerRef[];
  /** nameKey of names that are targets of MX/SRV/CNAME (mail and web depend on them). */
  serviceTargets: ReadonlySet<string>;
  /** Ask names nobody listed (false once any transfer listed the zone). */
  guesses: boolean;
  /** The first round also asks the apex and the negative sample. */
  firstRound: boolean;
  /** The wildcard probe name (asked A at every server), when planned. */
  probe?: DiscoveredName | null;
}

/** Signer RRsets at the apex: never compared as data, judged from answers by the SEC checks. */
const APEX_SIGNER_TYPES = [T.DNSKEY, T.CDS, T.CDNSKEY];
/** Names whose failure breaks mail or the web first. */
const SERVICE_LABEL =
  /^(www|_dmarc|mta-sts|_mta-sts|_smtp\._tls|_acme-challenge|autodiscover|autoconfig)(\.|$)|(^|\.)_domainkey(\.|$)|^_acme-challenge\./;
/** How many names get a NODATA question at transferred servers (RFC 2308 §2.2 negative answers). */
const NEGATIVE_SAMPLE = 4;

export function cutOf(name: Uint8Array, cuts: readonly Uint8Array[]): { cut: Uint8Array; at: boolean } | null {
  for (const c of cuts) {
    if (namesEqual(name, c)) return { cut: c, at: true };
    if (isSubdomain(name, c) && labelCount(name) > labelCount(c)) return { cut: c, at: false };
  }
  return null;
}

export function classOf(n: DiscoveredName, apex: Uint8Array, serviceTargets: ReadonlySet<string>): PriorityClass {
  if (namesEqual(n.name, apex)) return "apex";
  if (n.sources.includes("zone-cut")) return "cuts";
  const rel = n.text.toLowerCase().slice(0, Math.max(0, n.text.length - nameToText(apex).length));
  if (
    serviceTargets.has(nameKey(n.name)) ||
    SERVICE_LABEL.test(rel) ||
    n.knownTypes.has(T.MX) ||
    n.knownTypes.has(T.SRV)
  )
    return "services";
  return "rest";
}

/** Glue names: in-zone NS targets at or below a cut (their addresses are the parent's glue, RFC 1034 §4.2.1). */
function glueNames(input: PlanInput): DiscoveredName[] {
  return input.names.filter((n) => n.sources.includes("glue"));
}

export function planQueries(input: PlanInput): PlannedQuery[] {
  const { apex, cuts } = input;
  const all = [...input.transferred, ...input.queried];
  const out: PlannedQuery[] = [];
  const push = (
    servers: readonly ServerRef[],
    name: DiscoveredName,
    types: Iterable<number>,
    cls: PriorityClass,
    kind: PlannedQuery["kind"] = "exact",
  ) => {
    for (const type of types) for (const server of servers) out.push({ server, name, type, cls, kind });
  };
  const apexEntry = input.names.find((n) => namesEqual(n.name, apex));
  if (input.firstRound && apexEntry) {
    // SOA and NS were asked in the summary phase (UDP and TCP).
    const apexTypes = new Set([...typesFor(apexEntry, apex), ...apexEntry.knownTypes]);
    apexTypes.delete(T.SOA);
    apexTypes.delete(T.NS);
    push(input.transferred, apexEntry, APEX_SIGNER_TYPES, "apex");
    push(input.queried, apexEntry, apexTypes, "apex");
  }
  if (input.probe) push(all, input.probe, [T.A], "apex");

  const known: DiscoveredName[] = [];
  const guessed: DiscoveredName[] = [];
  for (const n of input.names) {
    if (n === apexEntry || n === input.probe || n.sources.includes("glue")) continue;
    const c = cutOf(n.name, cuts);
    if (c && c.at) {
      // The parent side of a cut: NS and DS at every server (DS is the parent's data, RFC 4035 §3.1.4.1).
      push(all, n, [T.NS, T.DS], "cuts");
      continue;
    }
    if (c) continue; // below a cut: the child's data, not this zone's
    if (n.knownTypes.size > 0) known.push(n);
    else guessed.push(n);
  }
  // Glue of every cut at every server, in whichever round the cut was found (its names are new in that round).
  for (const g of glueNames(input)) push(all, g, [T.A, T.AAAA], "cuts");

  // Known names at servers without a transfer: exactly their types, services first.
  const ordered = (xs: DiscoveredName[]) =>
    xs
      .map((n) => ({ n, cls: classOf(n, apex, input.serviceTargets) }))
      .sort((a, b) => PRIORITY_CLASSES.indexOf(a.cls) - PRIORITY_CLASSES.indexOf(b.cls));
  for (const { n, cls } of ordered(known))
    push(
      input.queried,
      n,
      [...n.knownTypes].filter((t) => t !== T.DS || cutOf(n.name, cuts)?.at),
      cls,
    );

  if (input.firstRound && input.transferred.length > 0) {
    // A transfer cannot show negative answers: a few NODATA questions (a type the name does not hold).
    const sample = known
      .filter((n) => !n.knownTypes.has(T.TXT) && !n.knownTypes.has(T.CNAME))
      .slice(0, NEGATIVE_SAMPLE);
    for (const n of sample) push(input.transferred, n, [T.TXT], "rest");
  }
  if (input.guesses) for (const { n, cls } of ordered(guessed)) push(input.queried, n, [T.A], cls, "guess");
  return out;
}

export interface ClassCount {
  /** Questions planned in this class (guesses: the first question; follow-ups are added as they are asked). */
  planned: number;
  /** Sent and answered or failed on their own (timeout, SERVFAIL…): the question was asked. */
  asked: number;
  /** Of those, answered. */
  answered: number;
}

export type ClassCounts = Record<PriorityClass, ClassCount>;

export function emptyClassCounts(): ClassCounts {
  return {
    apex: { planned: 0, asked: 0, answered: 0 },
    cuts: { planned: 0, asked: 0, answered: 0 },
    services: { planned: 0, asked: 0, answered: 0 },
    rest: { planned: 0, asked: 0, answered: 0 },
  };
}

export interface DeadlineInput {
  /** Planned questions per server address. */
  perServer: ReadonlyMap<string, number>;
  /** Sustained queries per second per server (Infinity: no limit). */
  ratePerServer: number;
  /** Per-query timeout × attempts: the slowest single answer. */
  slowestQueryMs: number;
}

/** Margins of the derived deadline: 25 % of the planned time on top, and a fixed allowance for the slowest answers. */
export const DEADLINE_SLACK = 1.25;
export const DEADLINE_MARGIN_MS = 20_000;

/**
 * The time the busiest server needs at the per-server rate (servers are asked in
 * parallel, each under its own token bucket), plus the margins.
 */
export function derivedDeadlineMs(d: DeadlineInput): number {
  let busiest = 0;
  for (const v of d.perServer.values()) busiest = Math.max(busiest, v);
  const rate = d.ratePerServer === Infinity || !(d.ratePerServer > 0) ? Infinity : d.ratePerServer;
  const base = rate === Infinity ? 0 : (busiest / rate) * 1000;
  return Math.ceil(base * DEADLINE_SLACK + DEADLINE_MARGIN_MS + d.slowestQueryMs);
}

export function perServerCounts(plan: readonly PlannedQuery[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const q of plan) {
    const k = `${q.server.address}:${q.server.port}`;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}
