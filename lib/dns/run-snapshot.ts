/**
 * A live snapshot of one zone: find its servers (delegation walk, or only
 * the servers given explicitly — the parent's referral is measured either
 * way), ask each server on each address for SOA and NS over UDP and TCP,
 * transfer the zone from every address that allows it, then ask per name
 * only what the transfers do not prove (query-plan.ts), in priority order,
 * under a deadline derived from the plan. Everything is kept as evidence.
 */
import { isSubdomain, nameKey, nameToText, namesEqual, parseName, name as wire } from "../zone/name";
import { checkAddress } from "./address-policy";
import type { AxfrResult } from "./axfr";
import { axfrOutcome, type AxfrStatus } from "./axfr-outcome";
import { walkDelegation, type Delegation } from "./delegation";
import {
  COMMON_LABELS,
  NameSet,
  nsecNext,
  rdataTarget,
  T,
  typesFor,
  wildcardProbeLabel,
  type DiscoveredName,
} from "./discovery";
import { queryServer } from "./query-server";
import {
  cutOf,
  derivedDeadlineMs,
  emptyClassCounts,
  perServerCounts,
  planQueries,
  DEADLINE_SLACK,
  type ClassCounts,
  type PlannedQuery,
  type PriorityClass,
} from "./query-plan";
import { BUILTIN_ROOT_HINTS, type NameServer } from "./root-hints";
import { QuerySession, type SessionOptions } from "./session";
import { transferEach } from "./transfer-each";
import type { ProgressCounts, QueryErrorKind, ServerAnswer, ServerRef } from "./types";
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
  /**
   * Names from imports (presentation, absolute or relative to the zone) with their types, and the
   * target of MX/SRV/CNAME/NS records (mail and web depend on those; NS targets below a cut are glue).
   */
  importedNames?: { name: string; type?: number; target?: string }[];
  /** Ask the built-in common labels (default true). */
  commonLabels?: boolean;
  /** Walk NSEC chains when the zone uses NSEC (default true). */
  nsecWalk?: boolean;
  /** Skip per-name discovery queries (SOA/NS/AXFR only). */
  discovery?: boolean;
  /**
   * With explicit servers, still walk from the root hints to measure the parent's referral
   * (NS, DS, glue and their TTLs). Default true; the new operator's side passes
   * false (it is not delegated yet).
   */
  measureParent?: boolean;
  /** Concurrent zone transfers (default 4). */
  axfrConcurrency?: number;
}

/** What the plan asked, per priority class, and why it stopped. */
export interface SnapshotPlan {
  ratePerServer: number;
  /** The deadline in force at the end, ms after the start. */
  deadlineMs: number;
  /** True when derived from the plan; false when the operator set it. */
  deadlineDerived: boolean;
  /** Server labels whose full transfer succeeded: their contents are proven, not asked name by name. */
  transferred: string[];
  classes: ClassCounts;
  /** Questions planned but never sent (deadline, cap, cancel): not failures, not evidence. */
  unsent: number;
  /** Why it stopped before asking all it planned, as data (`incomplete` says it in words); null: it did not. */
  stopCause?: StopCause | null;
}

/** What stops a snapshot early: its deadline, the query cap, or the caller (cancel). */
export type StopCause = "deadline" | "cap" | "cancelled";

export interface ServerSummary extends ServerRef {
  soaSerial: number | null;
  soaMname: string | null;
  ns: string[];
  udp: boolean;
  tcp: boolean;
  authoritative: boolean;
  axfr: AxfrStatus;
  axfrRecords: number;
  /** Why the transfer was refused or failed ("REFUSED", "timeout: …"), axfr-outcome.ts; null otherwise. */
  axfrDetail?: string | null;
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
  plan?: SnapshotPlan;
}

export async function runSnapshot(opts: SnapshotOptions): Promise<Snapshot> {
  const session = new QuerySession(opts);
  try {
    return await run(session, opts);
  } finally {
    session.close();
  }
}

/** Errors that mean the question never left: the run stopped before it. */
const UNSENT: ReadonlySet<QueryErrorKind> = new Set(["cancelled", "deadline", "query-cap"]);

function unmeasured(zone: string, problem: string): Delegation {
  return { zone, parent: null, parentServers: [], ns: [], glue: [], ds: [], servers: [], answers: [], problem };
}

/** Whether every address is loopback/private (a lab): the public roots cannot know such a zone. */
function allPrivate(targets: readonly ServerRef[]): boolean {
  return (
    targets.length > 0 &&
    targets.every((t) => !t.address || checkAddress(t.address, { allowPrivate: false, allowAddresses: [] }) !== null)
  );
}

async function measureDelegation(
  session: QuerySession,
  opts: SnapshotOptions,
  zoneText: string,
  targets: readonly ServerRef[],
): Promise<Delegation> {
  if (opts.measureParent === false)
    return unmeasured(zoneText, "not measured: the parent's referral is not asked for this side");
  if (!opts.rootHints && allPrivate(targets))
    return unmeasured(
      zoneText,
      "not measured: the given servers are private/loopback addresses and no root hints were given, so the public root cannot know this zone",
    );
  try {
    return await walkDelegation({ session, hints: opts.rootHints ?? BUILTIN_ROOT_HINTS }, zoneText);
  } catch (e) {
    return unmeasured(zoneText, `not measured: ${(e as Error).message}`);
  }
}

async function run(session: QuerySession, opts: SnapshotOptions): Promise<Snapshot> {
  const startedAt = new Date().toISOString();
  const started = Date.now();
  const zoneText = opts.zone.endsWith(".") ? opts.zone.toLowerCase() : opts.zone.toLowerCase() + ".";
  const apex = wire(zoneText);
  const port = session.options.port;
  const answers: ServerAnswer[] = [];
  let delegation: Delegation | null = null;
  let targets: ServerRef[];
  let parentWalk: Promise<Delegation> | null = null;
  const explicit = !!(opts.servers && opts.servers.length > 0);
  if (explicit) {
    targets = opts.servers!.map((s) => ({
      name: s.name.endsWith(".") ? s.name : s.name + ".",
      address: s.address,
      port: s.port ?? port,
    }));
    // The referral is measured in parallel with the summary phase; only the parent chain is asked.
    parentWalk = measureDelegation(session, opts, zoneText, targets);
  } else {
    delegation = await walkDelegation({ session, hints: opts.rootHints ?? BUILTIN_ROOT_HINTS }, zoneText);
    answers.push(...delegation.answers);
    // The walk cannot be planned ahead; counted once done, so "done" never outruns "planned".
    session.plan(delegation.answers.length);
    targets = delegation.servers.flatMap((s) =>
      s.addresses.length > 0
        ? s.addresses.map((address) => ({ name: s.name, address, port }))
        : [{ name: s.name, address: "", port }],
    );
  }

  // 1. SOA (UDP and TCP) and NS at every server address.
  const summaries: ServerSummary[] = [];
  const reachable: ServerRef[] = [];
  session.plan(targets.length * 3);
  await Promise.all(targets.map((t) => summarise(session, t, apex, summaries, reachable, answers)));
  summaries.sort((a, b) => (a.name + a.address).localeCompare(b.name + b.address));
  reachable.sort((a, b) => (a.name + a.address).localeCompare(b.name + b.address));
  if (parentWalk) {
    delegation = await parentWalk;
    answers.push(...delegation.answers);
    session.plan(delegation.answers.length);
  }

  const names = new NameSet(apex);
  names.add(apex, "apex");
  const cuts: Uint8Array[] = [];
  const serviceTargets = new Set<string>();
  /** NS targets per cut: in-zone ones at or below the cut are glue (RFC 1034 §4.2.1). */
  const nsTargets: { cut: Uint8Array; target: Uint8Array }[] = [];
  const learn = (owner: Uint8Array, type: number, target: Uint8Array | null) => {
    const below = !namesEqual(owner, apex) && isSubdomain(owner, apex);
    // Cuts: NS below the apex, or a SOA owned by a name below it (a child zone on the same servers).
    if (below && (type === T.NS || type === T.SOA)) addCut(cuts, owner);
    if (!target) return;
    if (type === T.NS && below) nsTargets.push({ cut: owner, target });
    if ((type === T.MX || type === T.SRV || type === T.CNAME) && isSubdomain(target, apex))
      serviceTargets.add(nameKey(target));
  };

  // 2. AXFR at every reachable server address (bounded concurrency).
  const xfrs: AxfrResult[] = [];
  const transferred: ServerRef[] = [];
  if (opts.axfr) {
    const results = await transferEach(session, {
      servers: reachable,
      zone: apex,
      tsig: opts.tsig ?? null,
      concurrency: opts.axfrConcurrency ?? 4,
    });
    results.forEach((x, idx) => {
      if (!x) return;
      const t = reachable[idx];
      xfrs.push(x);
      const sum = summaries.find((s) => s.address === t.address && s.port === t.port && s.name === t.name);
      if (sum) {
        const outcome = axfrOutcome(x);
        sum.axfr = outcome.status;
        sum.axfrDetail = outcome.detail;
        sum.axfrRecords = x.count ?? x.records.length;
      }
      if (!x.error) transferred.push(t);
      for (const r of x.records) {
        names.add(r.owner, "axfr", r.type);
        learn(r.owner, r.type, rdataTarget(r));
      }
    });
  }
  const queried = reachable.filter((t) => !transferred.includes(t));

  let wildcard = false;
  const classes = emptyClassCounts();
  let unsent = 0;
  if (opts.discovery !== false && reachable.length > 0) {
    for (const n of opts.importedNames ?? []) {
      const r = parseName(n.name, apex);
      if (!r.ok) continue;
      names.add(r.wire, "import", n.type);
      const t = n.target ? parseName(n.target, apex) : null;
      if (n.type !== undefined) learn(r.wire, n.type, t?.ok ? t.wire : null);
    }
    for (const c of cuts) names.add(c, "zone-cut");
    for (const g of nsTargets) if (cutOf(g.target, cuts)) names.add(g.target, "glue");
    // A transfer lists every name of the zone: guesses then add nothing.
    const guesses = transferred.length === 0;
    if (guesses && opts.commonLabels !== false) for (const l of COMMON_LABELS) names.addText(l, "common-label");
    const probe = names.addText(wildcardProbeLabel(), "wildcard-probe");
    if (guesses && opts.nsecWalk !== false && queried.length > 0) {
      await walkNsec(session, queried[0], apex, names, cuts, answers);
      // Cuts the walk met are asked like every other cut (NS, DS and glue at every server).
      for (const c of cuts) names.add(c, "zone-cut");
    }

    const rate = session.limiter.limits.ratePerServer;
    const slowestQueryMs = session.options.timeoutMs * (session.options.retries + 1);
    const asked = new Set<string>();
    let round = names.all();
    for (let pass = 0; pass < 3 && round.length > 0 && !session.signal.aborted; pass++) {
      // Later rounds go to the transferred servers too: a cut found in answers is asked NS, DS and glue everywhere.
      const plan = planQueries({
        apex,
        names: round,
        cuts,
        transferred,
        queried,
        serviceTargets,
        guesses,
        firstRound: pass === 0,
        probe: pass === 0 ? probe : null,
      });
      for (const n of round) asked.add(askedKey(n, cuts));
      // The deadline follows the plan (planned queries ÷ per-server rate, plus margin) unless the operator set one.
      session.deriveDeadline(
        derivedDeadlineMs({ perServer: perServerCounts(plan), ratePerServer: rate, slowestQueryMs }),
      );
      const { fresh, notStarted } = await execute(session, plan, apex, cuts, answers, classes, rate, queried.length);
      unsent += notStarted;
      for (const a of fresh) {
        const q = a.question;
        if (probe && namesEqual(q.name, probe.name)) {
          if (a.rcode === 0 && a.records.some((r) => r.section === "answer")) wildcard = true;
          continue;
        }
        for (const r of a.records) {
          const referral = r.section === "authority" && r.type === T.NS && !a.flags?.aa;
          const childSoa = r.type === T.SOA && !!a.flags?.aa && r.section !== "additional";
          if (
            (referral || childSoa) &&
            !namesEqual(r.owner, apex) &&
            isSubdomain(r.owner, apex) &&
            !cutOf(r.owner, cuts)
          ) {
            addCut(cuts, r.owner);
            names.add(r.owner, "zone-cut");
          }
          if (referral) {
            const t = rdataTarget(r);
            if (t && isSubdomain(t, apex) && cutOf(t, cuts)) names.add(t, "glue");
          }
          const target = rdataTarget(r);
          if (r.section === "answer" && target && isSubdomain(target, apex) && !cutOf(r.owner, cuts)) {
            if (r.type !== T.NS) serviceTargets.add(nameKey(target));
            names.add(target, "target");
          }
        }
      }
      // New names, and names that turned out to be cuts after they were asked (their NS, DS and glue are still to ask).
      round = names.all().filter((n) => !asked.has(askedKey(n, cuts)));
    }
  }

  const sentTo: Record<string, number> = {};
  for (const [k, v] of session.sentTo) sentTo[k] = v;
  const counts = { ...session.counts };
  // A question the run never sent is not a failure: it is counted as unsent.
  const unsentFailed = answers.filter((a) => a.error && UNSENT.has(a.error.kind)).length;
  counts.failed = Math.max(0, counts.failed - unsentFailed);
  const stopCause = snapshotStopCause(session, opts.signal, answers);
  return {
    zone: zoneText,
    startedAt,
    finishedAt: new Date().toISOString(),
    mode: explicit ? "explicit" : "delegation",
    delegation,
    servers: summaries,
    names: names.all().map((n) => ({ name: n.text, sources: [...n.sources] })),
    zoneCuts: cuts.map((c) => nameToText(c).toLowerCase()).sort(),
    wildcard,
    answers,
    axfr: xfrs,
    sentTo,
    counts,
    incomplete: session.signal.aborted
      ? stopReason(stopCause === "cap" && opts.signal?.aborted ? opts.signal.reason : session.signal.reason)
      : capped(answers, session.limiter.limits.maxQueries),
    plan: {
      ratePerServer: session.limiter.limits.ratePerServer,
      deadlineMs: session.deadlineAt - started,
      deadlineDerived: !session.deadlineFixed,
      transferred: transferred.map(
        (t) => `${t.name} ${t.address.includes(":") ? `[${t.address}]` : t.address}:${t.port}`,
      ),
      classes,
      unsent: unsent + unsentFailed,
      stopCause,
    },
  };
}

async function summarise(
  session: QuerySession,
  t: ServerRef,
  apex: Uint8Array,
  summaries: ServerSummary[],
  reachable: ServerRef[],
  answers: ServerAnswer[],
): Promise<void> {
  const sum: ServerSummary = {
    ...t,
    soaSerial: null,
    soaMname: null,
    ns: [],
    udp: false,
    tcp: false,
    authoritative: false,
    axfr: "not-tried",
    axfrRecords: 0,
    axfrDetail: null,
    failures: [],
    error: null,
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
  for (const [label, a] of [
    ["SOA", soaU],
    ["SOA", soaT],
    ["NS", ns],
  ] as const) {
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
  sum.ns = ns.records
    .filter((r) => r.section === "answer" && r.type === T.NS)
    .map((r) => nameToText(r.rdata))
    .sort();
  if (!sum.authoritative)
    sum.error = soaA.error
      ? `${soaA.error.kind}: ${soaA.error.message}`
      : soa
        ? "answer without AA (lame)"
        : "no SOA in the answer (lame)";
  if (sum.authoritative) reachable.push(t);
}

function stopReason(reason: unknown): string {
  if (reason instanceof Error) return reason.message || reason.name;
  const kind = typeof reason === "object" && reason !== null ? (reason as { kind?: unknown }).kind : undefined;
  if (kind === "deadline") return "the run's deadline passed";
  if (kind === "cancelled") return "the run was stopped (cancelled or at its query cap)";
  return typeof reason === "string" && reason ? reason : "stopped before every planned query was sent";
}

const kindOf = (reason: unknown): unknown =>
  typeof reason === "object" && reason !== null ? (reason as { kind?: unknown }).kind : undefined;

function snapshotStopCause(session: QuerySession, caller: AbortSignal | undefined, answers: readonly ServerAnswer[]) {
  if (session.signal.aborted) {
    const kind = kindOf(session.signal.reason);
    if (kind === "deadline") return "deadline" as const;
    // A caller stopping the run at its own query budget says so (queryCapReason, query-budget.ts).
    if (kind === "query-cap" || (caller?.aborted && kindOf(caller.reason) === "query-cap")) return "cap" as const;
    return "cancelled" as const;
  }
  return answers.some((a) => a.error?.kind === "query-cap") ? ("cap" as const) : null;
}

/** The per-run query cap answers waiting questions without aborting: still a partial snapshot. */
function capped(answers: readonly ServerAnswer[], cap: number): string | null {
  return answers.some((a) => a.error?.kind === "query-cap") ? `the query cap of ${cap} was reached` : null;
}

/** A name is planned once as a name and once more should it turn out to be a zone cut. */
function askedKey(n: DiscoveredName, cuts: readonly Uint8Array[]): string {
  return cutOf(n.name, cuts)?.at ? `${n.text}|cut` : n.text;
}

function addCut(cuts: Uint8Array[], c: Uint8Array): void {
  if (!cuts.some((x) => namesEqual(x, c))) cuts.push(c);
}

function nameEnd(buf: Uint8Array, off: number): number {
  let i = off;
  while (i < buf.length && buf[i] !== 0) i += buf[i] + 1;
  return i + 1;
}

/**
 * Send the plan in its order (the pool starts questions in plan order, so
 * the apex and the cuts go first) and count every question in its class.
 * A guessed name is asked A first and its other types only where it exists
 * (NXDOMAIN ends it; a CNAME is the only data at its name, RFC 1034 §3.6.2).
 */
async function execute(
  session: QuerySession,
  plan: readonly PlannedQuery[],
  apex: Uint8Array,
  cuts: readonly Uint8Array[],
  into: ServerAnswer[],
  classes: ClassCounts,
  rate: number,
  queriedServers: number,
): Promise<{ fresh: ServerAnswer[]; notStarted: number }> {
  const fresh: ServerAnswer[] = [];
  const ask = async (s: ServerRef, n: DiscoveredName, type: number, cls: PriorityClass) => {
    const a = await queryServer(session, s, { name: n.name, type, class: 1 });
    into.push(a);
    fresh.push(a);
    if (!a.error || !UNSENT.has(a.error.kind)) {
      classes[cls].asked++;
      if (!a.error) classes[cls].answered++;
    }
    return a;
  };
  for (const q of plan) classes[q.cls].planned++;
  session.plan(plan.length);
  const tasks = plan.map((q) => async () => {
    const first = await ask(q.server, q.name, q.type, q.cls);
    if (q.kind !== "guess" || first.rcode !== 0) return;
    const isCname = first.records.some(
      (r) => r.section === "answer" && r.type === T.CNAME && namesEqual(r.owner, q.name.name),
    );
    const delegated = first.records.some((r) => r.section === "authority" && r.type === T.NS && !first.flags?.aa);
    const child = first.records.some(
      (r) => r.type === T.SOA && !namesEqual(r.owner, apex) && isSubdomain(r.owner, apex),
    );
    if (isCname || delegated || child || cutOf(q.name.name, cuts)) return;
    const more = typesFor(q.name, apex).filter((t) => t !== T.A);
    classes[q.cls].planned += more.length;
    session.plan(more.length);
    // The name exists: its follow-up questions extend a derived deadline by what they cost.
    if (rate !== Infinity && rate > 0)
      session.deriveDeadline(
        session.deadlineAt - Date.now() + ((more.length / rate) * 1000 * DEADLINE_SLACK) / Math.max(1, queriedServers),
      );
    for (const t of more) await ask(q.server, q.name, t, q.cls);
  });
  const started = await pool(tasks, Math.max(1, session.limiter.limits.maxInFlight), session.signal);
  return { fresh, notStarted: tasks.length - started };
}

/** Run tasks in order, `width` at a time, until the signal aborts; returns how many were started. */
async function pool(tasks: (() => Promise<void>)[], width: number, signal: AbortSignal): Promise<number> {
  let i = 0;
  const worker = async () => {
    while (i < tasks.length && !signal.aborted) {
      const t = tasks[i++];
      await t();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
  return i;
}

/**
 * Follow the NSEC chain from the apex (RFC 4034 §4.1.1) when the zone uses
 * NSEC. At a delegation point the parent's chain goes on past the child's
 * subtree (RFC 4035 §2.3: the cut has an NSEC in the parent, the names
 * below it have none), but asking the cut for NSEC gets a referral, or,
 * from a server that also serves the child, the child's own chain (its
 * RRSIG signer is the child). So the walk marks the cut and
 * asks the name right after the child's subtree in canonical order (RFC
 * 4034 §6.1: the cut's first label with a 0 octet appended), which is the
 * parent's NXDOMAIN whose covering NSEC is the one owned by the cut.
 */
async function walkNsec(
  session: QuerySession,
  server: ServerRef,
  apex: Uint8Array,
  names: NameSet,
  cuts: Uint8Array[],
  into: ServerAnswer[],
): Promise<void> {
  let cur = apex;
  const ask = async (name: Uint8Array) => {
    const a = await queryServer(session, server, { name, type: T.NSEC, class: 1 }, { dnssecOk: true });
    into.push(a);
    return a;
  };
  for (let i = 0; i < 10_000; i++) {
    const a = await ask(cur);
    let nsec = parentNsec(a, "answer", cur, apex);
    const referral =
      a.records.some((r) => r.section === "authority" && r.type === T.NS && namesEqual(r.owner, cur)) && !a.flags?.aa;
    const sig = a.records.find((r) => r.section === "answer" && r.type === T.RRSIG && namesEqual(r.owner, cur));
    const signer = sig ? rrsigSigner(sig.rdata) : null;
    // Answered from another zone: a child on the same server.
    if (signer && !namesEqual(signer, apex) && isSubdomain(signer, apex)) addCut(cuts, signer);
    const childApex =
      (!!signer && namesEqual(signer, cur)) ||
      a.records.some((r) => r.type === T.SOA && r.section !== "additional" && namesEqual(r.owner, cur));
    if (!nsec && !namesEqual(cur, apex) && (referral || childApex || cutOf(cur, cuts)?.at)) {
      // A delegation point: this zone's NSEC for it covers the name just past the child's subtree.
      addCut(cuts, cur);
      const past = pastSubtree(cur);
      if (!past) return;
      nsec = parentNsec(await ask(past), "authority", cur, apex);
    }
    if (!nsec) return;
    const next = nsecNext(nsec.rdata);
    if (!next || namesEqual(next, apex) || !isSubdomain(next, apex)) return;
    if (names.has(next) && names.get(next)!.sources.includes("nsec")) return; // loop
    if (cutOf(next, cuts)?.at === false) return;
    names.add(next, "nsec");
    cur = next;
  }
}

/** The NSEC owned by `owner` in `section` whose signature is this zone's (`apex`), or null. */
function parentNsec(a: ServerAnswer, section: "answer" | "authority", owner: Uint8Array, apex: Uint8Array) {
  const nsec = a.records.find((r) => r.section === section && r.type === T.NSEC && namesEqual(r.owner, owner));
  if (!nsec) return null;
  const sig = a.records.find(
    (r) => r.section === section && r.type === T.RRSIG && namesEqual(r.owner, owner) && rrsigCovers(r.rdata, T.NSEC),
  );
  const signer = sig ? rrsigSigner(sig.rdata) : null;
  // Unsigned answers (no RRSIG) are taken as this zone's, as before; a foreign signer is the child's chain.
  return signer && !namesEqual(signer, apex) ? null : nsec;
}

/** The name right after every name at or below `cut` in canonical order: its first label with a 0 octet appended. */
function pastSubtree(cut: Uint8Array): Uint8Array | null {
  const len = cut[0];
  if (len === 0 || len >= 63 || cut.length + 1 > 255) return null;
  const out = new Uint8Array(cut.length + 1);
  out[0] = len + 1;
  out.set(cut.subarray(1, 1 + len), 1);
  out[1 + len] = 0;
  out.set(cut.subarray(1 + len), 2 + len);
  return out;
}

/** Whether an RRSIG's type covered (RFC 4034 §3.1.1) is `type`. */
function rrsigCovers(rdata: Uint8Array, type: number): boolean {
  return rdata.length >= 2 && ((rdata[0] << 8) | rdata[1]) === type;
}

/** RRSIG signer name: after the 18 fixed octets (RFC 4034 §3.1). */
function rrsigSigner(rdata: Uint8Array): Uint8Array | null {
  if (rdata.length < 19) return null;
  const end = nameEnd(rdata, 18);
  return end <= rdata.length ? rdata.subarray(18, end) : null;
}
