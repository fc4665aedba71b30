/**
 * `cutover check DOMAIN --zone FILE... [--ns NAME=ADDR[:PORT]]... [--new-ns NAME=ADDR[:PORT]]...
 *  [--root-hints FILE] [--port N] [--dns-hosting-moves yes|no] [--allow-private] [--http]
 *  [--rdap URL | --rdap-bootstrap FILE] [--facts FILE] [--ack FILE] [--strict] [--json]`
 * Import + live queries + probes + diff + checks + verdict. Exit 0 go, 1 no-go, 2 error.
 */
import { DEFAULT_CONFIG, type CheckConfig } from "../checks/config";
import { readEnvironment } from "../config/environment";
import { readCheckConfig } from "../checks/load-config";
import { readFileSync } from "node:fs";
import { writeHeapSnapshot } from "node:v8";
import { basename } from "node:path";
import { ackFileSchema, applyAcks, type AckFile } from "../checks/acks";
import { factsFileSchema, type FactsFile } from "../checks/facts";
import { pickRdapServer } from "../checks/rdap-bootstrap";
import { runPipeline, type PipelineResult } from "../checks/pipeline";
import { computeVerdict, type FindingStates } from "../checks/verdict";
import type { Finding, Severity } from "../checks/types";
import { parseRootHints, type NameServer } from "../dns/root-hints";
import type { ExplicitServer } from "../dns/run-snapshot";
import { parseServerSpec } from "../dns/server-spec";
import { snapshotToJson } from "../dns/snapshot-json";
import { parseName } from "../zone/name";
import { apiToken, parseServerUrl } from "./api-client";
import type { CliIo } from "./io";
import { collectGarbage } from "./collect-garbage";
import { DEFAULT_LOAD_LIMITS } from "../dns/limiter";
import { queryBudget } from "../dns/query-budget";
import {
  parseRunLimits,
  planLines,
  planSummary,
  RUN_LIMIT_HELP,
  RUN_LIMIT_OPTIONS,
  type PlanSummary,
} from "./run-limits";
import { parseCommandLine } from "./command-line";

const HELP = `usage: cutover check DOMAIN --zone FILE... [options]
  --zone FILE               a zone export to compare (repeatable; format auto-detected)
  --ns NAME=ADDR[:PORT]     the old servers (repeatable); default: walk the delegation
  --new-ns NAME=ADDR[:PORT] the new operator's servers, queried undelegated (repeatable)
  --root-hints FILE         root hints for the delegation walk
  --port N                  port for every server (default 53)
  --dns-hosting-moves yes|no  does DNS hosting move with the domain? (asked, never defaulted)
  --rdap URL                RDAP base URL of the registry (otherwise manual evidence is requested)
  --rdap-bootstrap FILE     RFC 9224 bootstrap JSON (IANA dns.json): pick the RDAP server for the TLD
  --http                    probe HTTP(S) of the apex and www (status, certificate names) and the MTA-STS policy
  --facts FILE              JSON transfer facts: contacts, window, monitoring, rollback, dnssecPlan, …
  --ack FILE                JSON { acknowledgements: [{key|id, by, reason}], waivers: [{key|id, by, reason}] }
  --config FILE             JSON check configuration: { severities: {ID: blocker|warning|info}, disabled: [ID], marginSeconds }
                            (default: CUTOVER_CHECKS_CONFIG when set)
  --strict                  exit 0 only when GO and every warning is acknowledged (finalisable)
  --allow-private           allow loopback/private/reserved addresses (labs)
  --timeout MS              per-query timeout (default 2000)
${RUN_LIMIT_HELP}  --json                    print { verdict, findings, pendingAcknowledgements, snapshot }
  --server URL              run the check on a Cutover server instead (its organisation's transfer for DOMAIN):
                            the exports are uploaded, the run followed, the result printed as here
  --token T                 that server's API token (default: CUTOVER_API_TOKEN)
  --transfer ID             the server's transfer, when DOMAIN has several

exit status: 0 go (no open blocker; with --strict: and nothing left to acknowledge), 1 no-go, 2 error
`;

const ORDER: Severity[] = ["blocker", "warning", "info"];

function findingJson(f: Finding) {
  return {
    id: f.id,
    key: f.key,
    severity: f.severity,
    subject: f.subject,
    message: f.message,
    remediation: f.remediation,
    evidence: f.evidence,
  };
}

/** What the text report prints, from a local review or from a server's run (lib/cli/check-remote.ts). */
export interface ReportModel {
  zone: string;
  verdict: "go" | "no-go";
  counts: Record<Severity, number>;
  openBlockers: number;
  pendingAcknowledgements: number;
  findings: {
    id: string;
    key: string;
    severity: Severity;
    subject: string;
    message: string;
    remediation: string;
    evidence: { text: string }[];
  }[];
  states: Record<string, { status: string; by?: string; reason?: string }>;
  timing: { minOverlapSeconds: number; minWindowSeconds: number } | null;
  sent: number;
  plans: { side: "old" | "new"; plan: PlanSummary }[];
}

export function reportModel(r: PipelineResult, states: FindingStates = {}): ReportModel {
  const st: ReportModel["states"] = {};
  for (const [k, s] of Object.entries(states))
    st[k] =
      s.status === "acknowledged" || s.status === "waived"
        ? { status: s.status, by: s.by, reason: s.reason }
        : { status: s.status };
  return {
    zone: r.zone,
    verdict: r.verdict.verdict,
    counts: r.verdict.counts,
    openBlockers: r.verdict.openBlockers.length,
    pendingAcknowledgements: r.verdict.pendingAcknowledgements.length,
    findings: r.findings,
    states: st,
    timing: r.timing,
    sent: (r.old?.counts.sent ?? 0) + (r.neu?.counts.sent ?? 0),
    plans: (
      [
        ["old", r.old],
        ["new", r.neu],
      ] as const
    ).flatMap(([side, s]) => {
      const plan = s ? planSummary(s) : null;
      return plan ? [{ side, plan }] : [];
    }),
  };
}

export function textReport(m: ReportModel): string {
  const lines = [
    `${m.zone}: ${m.verdict === "go" ? "GO" : "NO-GO"} — ${m.counts.blocker} blocker(s) (${m.openBlockers} open), ${m.counts.warning} warning(s) (${m.pendingAcknowledgements} to acknowledge), ${m.counts.info} info`,
  ];
  for (const sev of ORDER) {
    const fs = m.findings.filter((f) => f.severity === sev);
    if (fs.length === 0) continue;
    lines.push("", `${sev.toUpperCase()}S (${fs.length})`);
    for (const f of fs) {
      const st = m.states[f.key];
      const mark =
        st && (st.status === "acknowledged" || st.status === "waived")
          ? `  [${st.status} by ${st.by}: ${st.reason}]`
          : "";
      lines.push(`  ${f.id}  ${f.subject}${mark}`, `    ${f.message}`);
      if (sev !== "info") lines.push(`    fix: ${f.remediation}`);
      for (const e of f.evidence.slice(0, sev === "blocker" ? 3 : 1)) lines.push(`    evidence: ${e.text}`);
    }
  }
  const timing = m.timing
    ? `minimum overlap ${m.timing.minOverlapSeconds} s, minimum window ${m.timing.minWindowSeconds} s`
    : "minimum overlap and window unknown (no timing measured)";
  lines.push("", `${timing}; queries sent ${m.sent}`);
  for (const p of m.plans) lines.push(...planLines(`${p.side} snapshot`, p.plan));
  return lines.join("\n") + "\n";
}

export async function check(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommandLine({
    command: "check",
    help: HELP,
    io,
    config: {
      args: argv,
      allowPositionals: true,
      options: {
        zone: { type: "string", multiple: true },
        ns: { type: "string", multiple: true },
        "new-ns": { type: "string", multiple: true },
        "root-hints": { type: "string" },
        port: { type: "string" },
        "dns-hosting-moves": { type: "string" },
        rdap: { type: "string" },
        "rdap-bootstrap": { type: "string" },
        http: { type: "boolean" },
        facts: { type: "string" },
        ack: { type: "string" },
        config: { type: "string" },
        strict: { type: "boolean" },
        "allow-private": { type: "boolean" },
        timeout: { type: "string" },
        ...RUN_LIMIT_OPTIONS,
        json: { type: "boolean" },
        server: { type: "string" },
        token: { type: "string" },
        transfer: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    },
  });
  if ("exit" in args) return args.exit;
  const v = args.values;
  const fail = (msg: string) => {
    io.stderr.write(`cutover check: ${msg}\n`);
    return 2;
  };
  if (args.positionals.length !== 1) return fail(`exactly one DOMAIN expected\n${HELP}`);
  const domain = args.positionals[0];
  const dn = parseName(domain.endsWith(".") ? domain : domain + ".", null);
  if (!dn.ok) return fail(`bad domain: ${dn.message}`);
  if (!v.zone || v.zone.length === 0) return fail("at least one --zone FILE is required");
  const port = v.port === undefined ? undefined : Number(v.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))
    return fail("--port must be 1..65535");
  const moves = v["dns-hosting-moves"];
  if (moves !== undefined && moves !== "yes" && moves !== "no") return fail("--dns-hosting-moves must be yes or no");
  const timeoutMs = v.timeout === undefined ? undefined : Number(v.timeout);
  if (timeoutMs !== undefined && !(timeoutMs > 0)) return fail("--timeout must be a positive number");
  const runLimits = parseRunLimits(v);
  if (!runLimits.ok) return fail(runLimits.message);

  const servers = (flag: string, specs: string[] | undefined): ExplicitServer[] | string => {
    const out: ExplicitServer[] = [];
    for (const spec of specs ?? []) {
      const s = parseServerSpec(spec);
      if (!s.ok) return `${flag} "${spec}": ${s.message}`;
      out.push({ ...s.server, port: s.server.port ?? port });
    }
    return out;
  };
  const oldServers = servers("--ns", v.ns);
  if (typeof oldServers === "string") return fail(oldServers);
  const newServers = servers("--new-ns", v["new-ns"]);
  if (typeof newServers === "string") return fail(newServers);

  const sources = [];
  for (const f of v.zone) {
    try {
      sources.push({ name: basename(f), bytes: readFileSync(f) });
    } catch (e) {
      return fail(`cannot read ${f}: ${(e as Error).message}`);
    }
  }
  let rootHints: NameServer[] | undefined;
  let rootHintsText: string | undefined;
  if (v["root-hints"]) {
    let text: string;
    try {
      text = readFileSync(v["root-hints"], "utf8");
    } catch (e) {
      return fail(`cannot read ${v["root-hints"]}: ${(e as Error).message}`);
    }
    const h = parseRootHints(text);
    if (!h.ok) return fail(`${v["root-hints"]}:${h.line}: ${h.message}`);
    rootHints = h.servers;
    rootHintsText = text;
  }

  if (v.server !== undefined || v.token !== undefined || v.transfer !== undefined) {
    if (v.server === undefined) return fail("--token and --transfer need --server URL");
    const server = parseServerUrl(v.server);
    if (typeof server === "string") return fail(server);
    const token = apiToken(v.token);
    if (!token) return fail("--server needs an API token: --token T or CUTOVER_API_TOKEN");
    // What the server's transfer holds (facts, decisions, configuration) is not taken from local files.
    for (const flag of ["facts", "ack", "config", "rdap-bootstrap", "timeout", "dns-hosting-moves"] as const)
      if (v[flag] !== undefined)
        return fail(`--${flag} is not available with --server: the server's transfer and settings hold it`);
    const { checkRemote } = await import("./check-remote");
    const specs = (xs: string[] | undefined) => (xs ?? []).map((x) => x.trim());
    return checkRemote(
      {
        server,
        token,
        domain,
        transferId: v.transfer,
        zones: sources,
        oldServers: specs(v.ns),
        newServers: specs(v["new-ns"]),
        port,
        rootHints: rootHintsText,
        allowPrivate: v["allow-private"] ?? false,
        http: v.http ?? false,
        rdapBaseUrl: v.rdap,
        ratePerServer: runLimits.value.limits?.ratePerServer,
        deadlineSeconds: runLimits.value.deadlineMs === undefined ? undefined : runLimits.value.deadlineMs / 1000,
        maxQueries: runLimits.value.limits?.maxQueries,
        strict: v.strict ?? false,
        json: v.json ?? false,
      },
      io,
    );
  }

  const readJson = (flag: string, file: string): { ok: true; value: unknown } | { ok: false; message: string } => {
    try {
      return { ok: true, value: JSON.parse(readFileSync(file, "utf8")) };
    } catch (e) {
      return { ok: false, message: `${flag} ${file}: ${(e as Error).message}` };
    }
  };
  const issues = (e: { issues: { path: PropertyKey[]; message: string }[] }) =>
    e.issues.map((x) => `${x.path.join(".") || "(root)"}: ${x.message}`).join("; ");

  let factsFile: FactsFile = {};
  if (v.facts) {
    const j = readJson("--facts", v.facts);
    if (!j.ok) return fail(j.message);
    const p = factsFileSchema.safeParse(j.value);
    if (!p.success) return fail(`--facts ${v.facts}: ${issues(p.error)}`);
    factsFile = p.data;
    if (
      factsFile.domain &&
      factsFile.domain.replace(/\.$/, "").toLowerCase() !== domain.replace(/\.$/, "").toLowerCase()
    )
      return fail(`--facts ${v.facts} is for ${factsFile.domain}, not ${domain}`);
    if (
      moves !== undefined &&
      factsFile.dnsHostingMoves !== undefined &&
      factsFile.dnsHostingMoves !== null &&
      factsFile.dnsHostingMoves !== (moves === "yes")
    )
      return fail(`--dns-hosting-moves ${moves} contradicts dnsHostingMoves in ${v.facts}`);
  }
  const configPath = v.config ?? readEnvironment().CUTOVER_CHECKS_CONFIG;
  let config: CheckConfig = DEFAULT_CONFIG;
  if (configPath) {
    const loaded = readCheckConfig(configPath);
    if (!loaded.ok) return fail(`--config ${loaded.error}`);
    config = loaded.config;
  }
  let ackFile: AckFile | null = null;
  if (v.ack) {
    const j = readJson("--ack", v.ack);
    if (!j.ok) return fail(j.message);
    const p = ackFileSchema.safeParse(j.value);
    if (!p.success) return fail(`--ack ${v.ack}: ${issues(p.error)}`);
    ackFile = p.data;
  }
  let rdapBase = v.rdap;
  if (!rdapBase && v["rdap-bootstrap"]) {
    const j = readJson("--rdap-bootstrap", v["rdap-bootstrap"]);
    if (!j.ok) return fail(j.message);
    const pick = pickRdapServer({ bootstrap: j.value, domain, policy: { allowPrivate: v["allow-private"] ?? false } });
    if (!pick.ok)
      io.stderr.write(`cutover check: --rdap-bootstrap: ${pick.error}; registration status needs manual evidence\n`);
    else rdapBase = pick.baseUrl;
  }

  // CUTOVER_TRACE_PHASES=1: when each phase starts and the heap then (benchmarks, bench:check).
  const trace = !!readEnvironment().CUTOVER_TRACE_PHASES;
  const t0 = performance.now();
  let lastPhase = "";
  let collected = false;
  // With --expose-gc the heap is measured after a full collection (live data, not garbage).
  const heapMb = () => (
    (globalThis as { gc?: () => void }).gc?.(),
    (process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)
  );
  // The highest RSS seen during each phase (sampled): where a peak happens, not only the live heap at its start.
  let rssMax = 0;
  const sampler = trace ? setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage.rss())), 100).unref() : null;
  const rssMb = () => {
    const m = Math.max(rssMax, process.memoryUsage.rss());
    rssMax = 0;
    return (m / 2 ** 20).toFixed(0);
  };
  const budget = queryBudget(runLimits.value.limits?.maxQueries ?? DEFAULT_LOAD_LIMITS.maxQueries);
  const ac = new AbortController();
  const onSig = () => ac.abort();
  process.once("SIGINT", onSig);
  try {
    const review = await runPipeline({
      zone: domain,
      facts: {
        ...factsFile,
        domain,
        dnsHostingMoves: moves === undefined ? (factsFile.dnsHostingMoves ?? null) : moves === "yes",
      },
      sources,
      oldServers,
      newServers,
      snapshot: {
        rootHints,
        port,
        allowPrivate: v["allow-private"] ?? false,
        timeoutMs,
        deadlineMs: runLimits.value.deadlineMs,
        // One query budget for the whole run (old and new snapshots, probes): a getter read as each session starts.
        limits: Object.defineProperties({ ...runLimits.value.limits }, Object.getOwnPropertyDescriptors(budget.limits)),
      },
      onProgress: (p) => {
        if (p.phase === "old" || p.phase === "new") {
          budget.note(p.phase, p.event);
          if (trace && p.phase !== lastPhase)
            io.stderr.write(
              `cutover check: phase ${p.phase} at ${((performance.now() - t0) / 1000).toFixed(1)} s, heap ${heapMb()} MB, rss before ${rssMb()} MB\n`,
            );
          lastPhase = p.phase;
        } else {
          // The diff is built when probes start: the decoded transfers it read (four copies of the zone at 100,000
          // names) are garbage now; collected here, V8 sizes its next heap from what is live, not from that peak.
          if (((p.phase === "probes" || p.phase === "checks") && !collected) || p.phase === "done") collectGarbage();
          if (p.phase === "probes" || p.phase === "checks") collected = true;
          if (!trace) return;
          lastPhase = p.phase;
          if (readEnvironment().CUTOVER_HEAP_SNAPSHOT_AT === p.phase)
            io.stderr.write(`cutover check: heap snapshot ${writeHeapSnapshot()}\n`);
          io.stderr.write(
            `cutover check: phase ${p.phase} at ${((performance.now() - t0) / 1000).toFixed(1)} s, heap ${heapMb()} MB, rss before ${rssMb()} MB\n`,
          );
        }
      },
      rdap: rdapBase ? { baseUrl: rdapBase } : null,
      http: v.http ? {} : null,
      config,
      signal: ac.signal,
    });
    let states: FindingStates = {};
    let unmatched: string[] = [];
    if (ackFile) {
      const applied = applyAcks({ findings: review.findings, file: ackFile, now: new Date() });
      if (applied.errors.length) return fail(`--ack ${v.ack}: ${applied.errors.join("; ")}`);
      states = applied.states;
      unmatched = applied.unmatched;
      for (const u of unmatched) io.stderr.write(`cutover check: --ack: ${u} matches no finding of this run\n`);
      review.verdict = computeVerdict(review.findings, states);
    }
    if (v.json) {
      io.stdout.write(
        JSON.stringify(
          {
            verdict: review.verdict.verdict,
            counts: review.verdict.counts,
            findings: review.findings.map(findingJson),
            pendingAcknowledgements: review.verdict.pendingAcknowledgements.map((f) => f.key),
            finalisable: review.verdict.finalisable,
            states,
            unmatchedAcknowledgements: unmatched,
            probes: review.probes && {
              subzones: review.probes.subzones.map((z) => ({
                cut: z.cut,
                servers: z.servers.map((x) => ({ ns: x.ns, address: x.address, problem: x.problem })),
              })),
              ptr: review.probes.ptr,
            },
            timing: review.timing,
            sources: review.sources.map((s) => ({
              name: s.name,
              format: s.report.format,
              sha256: s.report.files[0]?.sha256,
              ok: s.report.ok,
            })),
            snapshot: { old: review.old && snapshotToJson(review.old), new: review.neu && snapshotToJson(review.neu) },
          },
          null,
          2,
        ) + "\n",
      );
    } else io.stdout.write(textReport(reportModel(review, states)));
    if (v.strict) return review.verdict.finalisable ? 0 : 1;
    return review.verdict.verdict === "go" ? 0 : 1;
  } catch (e) {
    return fail((e as Error).message);
  } finally {
    if (sampler) clearInterval(sampler);
    process.off("SIGINT", onSig);
  }
}

export const main = check;
export default check;
