/**
 * The live check of one transfer end to end, shared by the web app's runs and the CLI: import the sources,
 * snapshot the old operator (delegation walk or given servers) and the new operator (only the given servers: it
 * is not delegated yet), diff, probe, run the catalogue, compute the verdict.
 */
import { rdataTarget, T } from "../dns/discovery";
import { runSnapshot, type ExplicitServer, type Snapshot, type SnapshotOptions } from "../dns/run-snapshot";
import type { ProgressEvent } from "../dns/types";
import { buildDiff, type DiffSource, type ZoneViews } from "../diff/build-diff";
import type { ZoneDiff, ZoneView } from "../diff/types";
import type { Interner } from "../diff/zone-view";
import { importZone } from "../zone/import";
import type { ImportFormat, ImportReport } from "../zone/import/types";
import { nameToText } from "../zone/name";
import { checkConfigSchema, type CheckConfigInput } from "./config";
import type { OutboundPolicy } from "../net/outbound";
import { probeHttp, type HttpProbe } from "./http-probe";
import { fetchRdap, type Fetcher, type RdapResult } from "./rdap";
import { runProbes } from "./probes/run-probes";
import type { Resolver } from "./probes/resolver";
import type { Probes } from "./probes/types";
import { runChecks } from "./run-checks";
import { timingFor, type Timing } from "./timing";
import type { CheckInput, Finding, TransferFacts } from "./types";
import { computeVerdict, type FindingStates, type Verdict } from "./verdict";

export interface PipelineSourceFile {
  name: string;
  bytes: Uint8Array;
  format?: ImportFormat | "auto";
}

export type PipelineProgress =
  { phase: "import" | "rdap" | "http" | "probes" | "checks" | "done" } | { phase: "old" | "new"; event: ProgressEvent };

/** Query settings shared by both snapshots (never the server list). */
export type SnapshotSettings = Omit<SnapshotOptions, "zone" | "servers" | "importedNames" | "signal" | "onProgress">;

export interface PipelineOptions {
  zone: string;
  facts: TransferFacts;
  /** Files to import (each its own source), or sources already imported (the web app stores them). */
  sources: (PipelineSourceFile | DiffSource)[];
  /** Old servers; empty/absent → walk the delegation from the root hints. */
  oldServers?: ExplicitServer[];
  /** The new operator's servers (undelegated). */
  newServers?: ExplicitServer[];
  snapshot?: SnapshotSettings;
  rdap?: { baseUrl: string; fetcher?: Fetcher; timeoutMs?: number } | null;
  http?: {
    targets?: string[];
    fetcher?: Fetcher;
    timeoutMs?: number;
    connectTo?: (host: string) => { address: string; port: number } | null;
    ca?: string | Buffer;
  } | null;
  /** Active probes (recursion, EDNS, subzones, signatures, PTR, MTA-STS); false = skip. Default on, PTR via iteration from the root hints. */
  probes?: { resolver?: Resolver | null } | false;
  config?: CheckConfigInput;
  states?: FindingStates;
  signal?: AbortSignal;
  onProgress?: (p: PipelineProgress) => void;
  /** Each snapshot as soon as it ends, stopped early or not (the web app stores it then). */
  onSnapshot?: (side: "old" | "new", snapshot: Snapshot) => void;
  now?: Date;
}

export interface PipelineResult {
  zone: string;
  facts: TransferFacts;
  sources: { name: string; report: ImportReport }[];
  old: Snapshot | null;
  neu: Snapshot | null;
  diff: ZoneDiff;
  views: ZoneViews;
  rdap: RdapResult | null;
  http: HttpProbe[];
  probes: Probes | null;
  timing: Timing;
  findings: Finding[];
  verdict: Verdict;
}

/** Planned NS names (stated, else the new servers given) inside the zone: the parent will carry glue for them. */
function plannedInZone(zone: string, opts: PipelineOptions): string[] {
  const names = opts.facts.plannedNs?.length ? opts.facts.plannedNs : (opts.newServers ?? []).map((s) => s.name);
  const abs = names.map((n) => (n.endsWith(".") ? n : n + ".").toLowerCase());
  return [...new Set(abs.filter((n) => n === zone || n.endsWith("." + zone)))];
}

function withTarget(
  name: string,
  type: number,
  rdata: Uint8Array | undefined,
): { name: string; type: number; target?: string } {
  const t =
    rdata && (type === T.MX || type === T.SRV || type === T.CNAME || type === T.NS)
      ? rdataTarget({ type, rdata })
      : null;
  return t ? { name, type, target: nameToText(t) } : { name, type };
}

/** The old side's RRsets as names with types (what the new side is asked about). */
function namesOf(ref: ZoneView | null): { name: string; type: number; target?: string }[] {
  if (!ref) return [];
  const out: { name: string; type: number; target?: string }[] = [];
  for (const s of ref.rrsets.values()) out.push(withTarget(s.ownerText, s.type, s.rdatas[0]));
  return out;
}

function isImported(s: PipelineSourceFile | DiffSource): s is DiffSource {
  return "result" in s;
}

export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const zone = (opts.zone.endsWith(".") ? opts.zone : opts.zone + ".").toLowerCase();
  const config = checkConfigSchema.parse(opts.config ?? {});
  const progress = opts.onProgress ?? (() => undefined);
  progress({ phase: "import" });
  const sources: DiffSource[] = opts.sources.map((s) =>
    isImported(s)
      ? s
      : {
          name: s.name,
          result: importZone([{ name: s.name, bytes: s.bytes }], {
            format: s.format ?? "auto",
            origin: zone,
            includes: "filesystem",
          }),
        },
  );
  // Each name with its types, and the targets mail, web and delegations depend on (the query plan orders by them).
  // Held in an object so it can be dropped once both snapshots are asked (an async function's locals live until it returns; 100,000s of entries).
  const held = {
    importedNames: sources.flatMap((s) =>
      s.result.records.map((r) => withTarget(nameToText(r.owner), r.type, r.rdata)),
    ),
  };
  const settings = opts.snapshot ?? {};

  const old = await runSnapshot({
    ...settings,
    axfr: settings.axfr ?? true,
    zone,
    servers: opts.oldServers,
    importedNames: held.importedNames,
    signal: opts.signal,
    onProgress: (event) => progress({ phase: "old", event }),
  });
  opts.onSnapshot?.("old", old);
  opts.signal?.throwIfAborted();

  // The new operator is asked about every name the old side and the sources hold, and only the given servers.
  // The old side's views are built once: here, and reused by the final diff (one key and owner per RRset for all views).
  const intern: Interner = new Map();
  const oldViews = buildDiff({
    zone,
    sources: [],
    old,
    neu: null,
    operatorChange: opts.facts.dnsHostingMoves === true,
    intern,
  }).views;
  // A full transfer from the old side lists every name: guessing labels at the new side adds nothing.
  const oldComplete = (old.plan?.transferred.length ?? 0) > 0;
  const neu =
    opts.newServers && opts.newServers.length
      ? await runSnapshot({
          ...settings,
          axfr: settings.axfr ?? true,
          tsig: null,
          zone,
          servers: opts.newServers,
          // …and the addresses of in-zone planned NS names (DEL-PLANNED-GLUE compares them with the addresses given).
          importedNames: [
            ...held.importedNames,
            ...namesOf(oldViews.oldRef),
            ...plannedInZone(zone, opts).flatMap((name) => [
              { name, type: 1 },
              { name, type: 28 },
            ]),
          ],
          ...(oldComplete ? { commonLabels: false, nsecWalk: false } : {}),
          // Not delegated yet: the parent's referral is the old side's (measured there).
          measureParent: false,
          signal: opts.signal,
          onProgress: (event) => progress({ phase: "new", event }),
        })
      : null;
  held.importedNames = [];
  if (neu) opts.onSnapshot?.("new", neu);
  opts.signal?.throwIfAborted();

  // The same destinations as the DNS queries (the operator's scope, or the CLI's --allow-private) for every other connection.
  const policy: OutboundPolicy = { allowPrivate: settings.allowPrivate ?? false };
  let rdap: RdapResult | null = null;
  if (opts.rdap) {
    progress({ phase: "rdap" });
    rdap = await fetchRdap({
      domain: zone,
      baseUrl: opts.rdap.baseUrl,
      fetcher: opts.rdap.fetcher,
      timeoutMs: opts.rdap.timeoutMs,
      signal: opts.signal,
      policy,
    });
  }
  let http: HttpProbe[] = [];
  if (opts.http) {
    progress({ phase: "http" });
    http = await probeHttp({
      targets: opts.http.targets ?? [zone, `www.${zone}`],
      fetcher: opts.http.fetcher,
      timeoutMs: opts.http.timeoutMs,
      connectTo: opts.http.connectTo,
      ca: opts.http.ca,
      policy,
    });
  }

  const { diff, views } = buildDiff({
    zone,
    sources,
    old,
    neu,
    operatorChange: opts.facts.dnsHostingMoves === true,
    oldViews: oldViews.old,
    intern,
  });
  intern.clear();
  let probes: Probes | null = null;
  if (opts.probes !== false) {
    progress({ phase: "probes" });
    const { rootHints, ...session } = settings;
    probes = await runProbes({
      zone,
      old,
      neu,
      views,
      session,
      rootHints,
      signal: opts.signal,
      resolver: opts.probes?.resolver,
      http: opts.http ? { fetcher: opts.http.fetcher, timeoutMs: opts.http.timeoutMs, policy } : null,
    });
    opts.signal?.throwIfAborted();
  }

  progress({ phase: "checks" });
  const input: CheckInput = {
    zone,
    facts: opts.facts,
    sources,
    old,
    neu,
    diff,
    views,
    rdap,
    http,
    probes: probes ?? undefined,
    now: opts.now ?? new Date(),
    marginSeconds: config.marginSeconds,
  };
  const findings = runChecks(input, config);
  const verdict = computeVerdict(findings, opts.states ?? {});
  progress({ phase: "done" });
  return {
    zone,
    facts: opts.facts,
    sources: sources.map((s) => ({ name: s.name, report: s.result.report })),
    old,
    neu,
    diff,
    views,
    rdap,
    http,
    probes,
    timing: timingFor(input),
    findings,
    verdict,
  };
}
