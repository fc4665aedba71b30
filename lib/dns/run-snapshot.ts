/**
 * A live snapshot of one zone: find its servers (delegation walk, or only
 * the servers given explicitly), ask each server on each address for SOA
 * and NS over UDP and TCP, optionally transfer the zone, discover names,
 * and ask every server about every name. Everything is kept as evidence.
 */
import { isSubdomain, labelCount, nameToText, namesEqual, parseName, name as wire } from "../zone/name";
import { axfr, type AxfrResult } from "./axfr";
import { walkDelegation, type Delegation } from "./delegation";
import { COMMON_LABELS, NameSet, nsecNext, rdataTarget, T, typesFor, wildcardProbeLabel, type DiscoveredName } from "./discovery";
import { queryServer } from "./query-server";
import { BUILTIN_ROOT_HINTS, type NameServer } from "./root-hints";
import { QuerySession, type SessionOptions } from "./session";
import type { ProgressCounts, ServerAnswer, ServerRef } from "./types";
import type { TsigKey } from "./tsig";

export interface ExplicitServer {
  name: string;
  address: string;
  port?: number;
}

export interface SnapshotOptions extends SessionOptions {
  zone: string;
  /** Undelegated/explicit servers: when given, ONLY these are queried (no walk). */
  servers?: ExplicitServer[];
  rootHints?: NameServer[];
  axfr?: boolean;
  tsig?: TsigKey | null;
  /** Names from imports (presentation, absolute or relative to the zone) with their types. */
  importedNames?: { name: string; type?: number }[];
  /** Ask the built-in common labels (default true). */
  commonLabels?: boolean;
  /** Walk NSEC chains when the zone uses NSEC (default true). */
  nsecWalk?: boolean;
  /** Skip per-name discovery queries (SOA/NS/AXFR only). */
  discovery?: boolean;
}

export interface ServerSummary extends ServerRef {
  soaSerial: number | null;
  soaMname: string | null;
  ns: string[];
  udp: boolean;
  tcp: boolean;
  authoritative: boolean;
  axfr: "allowed" | "refused" | "failed" | "not-tried";
  axfrRecords: number;
  /** Summary queries (SOA over UDP and TCP, NS) that failed: "SOA/udp: timeout: …". */
  failures: string[];
  error: string | null;
}

export interface Snapshot {
  zone: string;
  startedAt: string;
  finishedAt: string;
  mode: "delegation" | "explicit";
  delegation: Delegation | null;
  servers: ServerSummary[];
  names: { name: string; sources: string[] }[];
  zoneCuts: string[];
  wildcard: boolean;
  answers: ServerAnswer[];
  axfr: AxfrResult[];
  sentTo: Record<string, number>;
  counts: ProgressCounts;
  /**
   * Why the snapshot stopped before asking everything it planned (run
   * deadline, query cap, cancellation), or null/absent when it finished.
   * A partial snapshot is missing evidence, never evidence of absence.
   */
  incomplete?: string | null;
}

export async function runSnapshot(opts: SnapshotOptions): Promise<Snapshot> {
  const session = new QuerySession(opts);
  try {
    return await run(session, opts);
  } finally {
    session.close();
  }
}

async function run(session: QuerySession, opts: SnapshotOptions): Promise<Snapshot> {
  const startedAt = new Date().toISOString();
  const zoneText = opts.zone.endsWith(".") ? opts.zone.toLowerCase() : opts.zone.toLowerCase() + ".";
  const apex = wire(zoneText);
  const port = session.options.port;
  const answers: ServerAnswer[] = [];
  let delegation: Delegation | null = null;
  let targets: ServerRef[];
  if (opts.servers && opts.servers.length > 0) {
    targets = opts.servers.map((s) => ({ name: s.name.endsWith(".") ? s.name : s.name + ".", address: s.address, port: s.port ?? port }));
  } else {
    delegation = await walkDelegation({ session, hints: opts.rootHints ?? BUILTIN_ROOT_HINTS }, zoneText);
    answers.push(...delegation.answers);
    targets = delegation.servers.flatMap((s) =>
      s.addresses.length > 0 ? s.addresses.map((address) => ({ name: s.name, address, port })) : [{ name: s.name, address: "", port }],
    );
  }

  // 1. SOA (UDP and TCP) and NS at every server address.
  const summaries: ServerSummary[] = [];
  const reachable: ServerRef[] = [];
  session.plan(targets.length * 3);
  await Promise.all(
    targets.map(async (t) => {
      const sum: ServerSummary = {
        ...t, soaSerial: null, soaMname: null, ns: [], udp: false, tcp: false, authoritative: false,
        axfr: "not-tried", axfrRecords: 0, failures: [], error: null,
      };
      summaries.push(sum);
      if (!t.address) {
        sum.error = "no address found for this server";
        sum.failures.push(`address: ${sum.error}`);
        return;
      }
      const [soaU, soaT, ns] = await Promise.all([
        queryServer(session, t, { name: apex, type: T.SOA, class: 1 }, { tcpOnly: session.options.tcpOnly }),
        queryServer(session, t, { name: apex, type: T.SOA, class: 1 }, { tcpOnly: true }),
        queryServer(session, t, { name: apex, type: T.NS, class: 1 }),
      ]);
      answers.push(soaU, soaT, ns);
      for (const [label, a] of [["SOA", soaU], ["SOA", soaT], ["NS", ns]] as const) {
        if (a.error) sum.failures.push(`${label}/${a.transport}: ${a.error.kind}: ${a.error.message}`);
      }
      sum.udp = !session.options.tcpOnly && soaU.rcode !== null;
      sum.tcp = soaT.rcode !== null;
      const soaA = soaU.rcode === 0 ? soaU : soaT;
      const soa = soaA.records.find((r) => r.section === "answer" && r.type === T.SOA && namesEqual(r.owner, apex));
      sum.authoritative = !!soaA.flags?.aa && !!soa;
      if (soa) {
        const mnameEnd = nameEnd(soa.rdata, 0);
        const rnameEnd = nameEnd(soa.rdata, mnameEnd);
        sum.soaMname = nameToText(soa.rdata.subarray(0, mnameEnd));
        if (rnameEnd + 4 <= soa.rdata.length) {
          const v = new DataView(soa.rdata.buffer, soa.rdata.byteOffset + rnameEnd, 4);
          sum.soaSerial = v.getUint32(0);
        }
      }
      sum.ns = ns.records.filter((r) => r.section === "answer" && r.type === T.NS).map((r) => nameToText(r.rdata)).sort();
      if (!sum.authoritative) sum.error = soaA.error ? `${soaA.error.kind}: ${soaA.error.message}` : soa ? "answer without AA (lame)" : "no SOA in the answer (lame)";
      if (sum.authoritative) reachable.push(t);
    }),
  );
  summaries.sort((a, b) => (a.name + a.address).localeCompare(b.name + b.address));

  const names = new NameSet(apex);
  names.add(apex, "apex");
  const cuts: Uint8Array[] = [];

  // 2. AXFR at every reachable server (when asked).
  const xfrs: AxfrResult[] = [];
  if (opts.axfr) {
    for (const t of reachable) {
      const x = await axfr(session, t, apex, { tsig: opts.tsig ?? null });
      xfrs.push(x);
      const sum = summaries.find((s) => s.address === t.address && s.port === t.port && s.name === t.name);
      if (sum) {
        sum.axfr = x.error ? (x.error.kind === "refused" || x.error.kind === "notauth" ? "refused" : "failed") : "allowed";
        sum.axfrRecords = x.records.length;
      }
      for (const r of x.records) {
        names.add(r.owner, "axfr", r.type);
        if (r.type === T.NS && !namesEqual(r.owner, apex)) addCut(cuts, r.owner);
      }
    }
  }

  let wildcard = false;
  if (opts.discovery !== false && reachable.length > 0) {
    for (const n of opts.importedNames ?? []) {
      const r = parseName(n.name, apex);
      if (r.ok) names.add(r.wire, "import", n.type);
    }
    if (opts.commonLabels !== false) for (const l of COMMON_LABELS) names.addText(l, "common-label");
    const probe = names.addText(wildcardProbeLabel(), "wildcard-probe");
    if (opts.nsecWalk !== false) await walkNsec(session, reachable[0], apex, names, answers);

    // 3. Ask every server about every name; then about in-zone targets found on the way.
    const asked = new Set<string>();
    let round = names.all();
    for (let pass = 0; pass < 3 && round.length > 0; pass++) {
      const fresh = await askNames(session, reachable, round, apex, cuts, answers);
      for (const n of round) asked.add(n.text);
      for (const a of fresh) {
        for (const r of a.records) {
          if (r.section === "authority" && r.type === T.NS && !a.flags?.aa && !namesEqual(r.owner, apex) && isSubdomain(r.owner, apex)) {
            addCut(cuts, r.owner);
            names.add(r.owner, "zone-cut");
          }
          const target = rdataTarget(r);
          if (r.section === "answer" && target && isSubdomain(target, apex)) names.add(target, "target");
        }
        if (probe && namesEqual(a.question.name, probe.name) && a.rcode === 0 && a.records.some((r) => r.section === "answer")) wildcard = true;
      }
      round = names.all().filter((n) => !asked.has(n.text));
    }
  }

  const sentTo: Record<string, number> = {};
  for (const [k, v] of session.sentTo) sentTo[k] = v;
  return {
    zone: zoneText,
    startedAt,
    finishedAt: new Date().toISOString(),
    mode: delegation ? "delegation" : "explicit",
    delegation,
    servers: summaries,
    names: names.all().map((n) => ({ name: n.text, sources: [...n.sources] })),
    zoneCuts: cuts.map((c) => nameToText(c)),
    wildcard,
    answers,
    axfr: xfrs,
    sentTo,
    counts: { ...session.counts },
    incomplete: session.signal.aborted ? stopReason(session.signal.reason) : null,
  };
}

function stopReason(reason: unknown): string {
  if (reason instanceof Error) return reason.message || reason.name;
  const kind = typeof reason === "object" && reason !== null ? (reason as { kind?: unknown }).kind : undefined;
  if (kind === "deadline") return "the run's deadline passed";
  if (kind === "cancelled") return "the run was stopped (cancelled or at its query cap)";
  return typeof reason === "string" && reason ? reason : "stopped before every planned query was sent";
}

function addCut(cuts: Uint8Array[], c: Uint8Array): void {
  if (!cuts.some((x) => namesEqual(x, c))) cuts.push(c);
}

function nameEnd(buf: Uint8Array, off: number): number {
  let i = off;
  while (i < buf.length && buf[i] !== 0) i += buf[i] + 1;
  return i + 1;
}

/** Below a zone cut the child's data lives elsewhere: only NS/DS at the cut itself. */
function belowCut(n: DiscoveredName, cuts: Uint8Array[]): "at" | "below" | null {
  for (const c of cuts) {
    if (namesEqual(n.name, c)) return "at";
    if (isSubdomain(n.name, c) && labelCount(n.name) > labelCount(c)) return "below";
  }
  return null;
}

/**
 * Names known from imports/AXFR are asked their known types plus CNAME;
 * guessed names are probed with A first and asked everything only where
 * the name exists (NXDOMAIN ends it), which keeps the load proportional
 * to what the zone really holds.
 */
async function askNames(
  session: QuerySession,
  servers: ServerRef[],
  round: DiscoveredName[],
  apex: Uint8Array,
  cuts: Uint8Array[],
  into: ServerAnswer[],
): Promise<ServerAnswer[]> {
  const fresh: ServerAnswer[] = [];
  const tasks: (() => Promise<void>)[] = [];
  const ask = async (s: ServerRef, n: DiscoveredName, type: number) => {
    const a = await queryServer(session, s, { name: n.name, type, class: 1 });
    into.push(a);
    fresh.push(a);
    return a;
  };
  for (const n of round) {
    const cut = belowCut(n, cuts);
    if (cut === "below") continue;
    if (n.sources.includes("apex")) continue; // apex SOA/NS already asked; other apex types below
    const guessed = n.knownTypes.size === 0;
    for (const s of servers) {
      if (cut === "at") {
        tasks.push(async () => {
          await ask(s, n, T.NS);
          await ask(s, n, T.DS);
        });
        continue;
      }
      if (!guessed) {
        const types = new Set([...n.knownTypes, T.CNAME]);
        for (const t of types) tasks.push(async () => void (await ask(s, n, t)));
        continue;
      }
      tasks.push(async () => {
        const first = await ask(s, n, T.A);
        if (first.rcode !== 0) return; // NXDOMAIN or failure: nothing more to ask here
        const isCname = first.records.some((r) => r.section === "answer" && r.type === T.CNAME && namesEqual(r.owner, n.name));
        const delegated = first.records.some((r) => r.section === "authority" && r.type === T.NS && !first.flags?.aa);
        if (isCname) return; // CNAME is the only data at that name (RFC 1034 §3.6.2)
        if (delegated) return; // a zone cut: recorded by the caller
        for (const t of typesFor(n, apex)) if (t !== T.A) await ask(s, n, t);
      });
    }
  }
  // The apex's remaining types at every server.
  const apexEntry = round.find((n) => n.sources.includes("apex"));
  // Besides the usual apex types, every type the imports or AXFR hold there (SSHFP, LOC, TLSA, ALIAS…):
  // a type never asked would stay "unchecked" instead of being compared.
  const apexTypes = apexEntry ? new Set([...typesFor(apexEntry, apex), ...apexEntry.knownTypes]) : new Set<number>();
  if (apexEntry) for (const s of servers) for (const t of apexTypes) if (t !== T.SOA && t !== T.NS) tasks.push(async () => void (await ask(s, apexEntry, t)));
  session.plan(tasks.length);
  await pool(tasks, Math.max(1, session.limiter.limits.maxInFlight), session.signal);
  return fresh;
}

async function pool(tasks: (() => Promise<void>)[], width: number, signal: AbortSignal): Promise<void> {
  let i = 0;
  const worker = async () => {
    while (i < tasks.length && !signal.aborted) {
      const t = tasks[i++];
      await t();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
}

/** Follow the NSEC chain from the apex (RFC 4034 §4.1.1) when the zone uses NSEC. */
async function walkNsec(session: QuerySession, server: ServerRef, apex: Uint8Array, names: NameSet, into: ServerAnswer[]): Promise<void> {
  let cur = apex;
  for (let i = 0; i < 10_000; i++) {
    const a = await queryServer(session, server, { name: cur, type: T.NSEC, class: 1 }, { dnssecOk: true });
    into.push(a);
    const nsec = a.records.find((r) => r.section === "answer" && r.type === T.NSEC && namesEqual(r.owner, cur));
    if (!nsec) return;
    const next = nsecNext(nsec.rdata);
    if (!next || namesEqual(next, apex) || !isSubdomain(next, apex)) return;
    if (names.has(next) && names.get(next)!.sources.includes("nsec")) return; // loop
    names.add(next, "nsec");
    cur = next;
  }
}
