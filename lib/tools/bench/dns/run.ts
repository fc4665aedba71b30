/**
 * `npm run bench:dns` — not a test. Two measurements against real lab servers:
 *
 * 1. Throughput: one Knot server on loopback serving a generated 10,000-name
 *    zone; the same query set (10,000 names × A/AAAA/MX/TXT) at the same
 *    number of queries in flight is replayed by dnsperf and by Cutover's
 *    engine (rate limit lifted, no retries): queries/s, p50/p99 latency,
 *    lost answers, peak RSS (GNU time) and CPU per query of each, and the
 *    ratio; plus a bare Node dgram loop as the floor any Node client pays.
 * 2. A full snapshot (delegation walk, SOA/NS, AXFR, discovery, every name
 *    asked at every server) of a 10,000-name zone served by 4 servers
 *    (BIND, NSD, Knot, NSD).
 *
 * CPU placement: on a machine of two or more CPUs the throughput server is pinned to the last CPU and every
 * client to the others (taskset). Unpinned, the scheduler puts the server's threads on the client's core at
 * random, and the clients that pay a wake-up per datagram (the Node ones) lose a third of their rate to
 * involuntary context switches from one run to the next while dnsperf barely changes — the figures then
 * measure placement, not the clients. Every tool gets the same CPUs. --no-pin turns this off.
 *
 * Options: --concurrency N (64), --rounds N (5), --names N (10000), --skip-snapshot, --no-pin,
 * --address A (127.0.0.20, the throughput server), --warmup N (0: each Node tool first asks N of the questions untimed, so the
 * JIT's compile time is left out; dnsperf, C, needs none)
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { startNameservers, type ServerSpec } from "../../../lab/lab";
import { parseRootHints } from "../../../dns/root-hints";
import { runSnapshot } from "../../../dns/run-snapshot";
import type { ThreadCpu } from "./thread-cpu";
import { benchZone, querySet } from "./zone-gen";

interface Measure {
  tool: string;
  sent: number;
  answered: number;
  lost: number;
  qps: number;
  p50Ms: number;
  p99Ms: number;
  maxRssMb: number;
  /** User + system CPU of the whole process per query, µs (robust on a shared machine). */
  cpuUsPerQuery: number;
  /** The Node workers' CPU per query split by thread (thread-cpu.ts), µs. */
  threads?: ThreadCpu | null;
  note?: string;
}

const TIME = "/usr/bin/time";
const TASKSET = "/usr/bin/taskset";
/** Repository root: children resolve "tsx" from here whatever the caller's directory. */
const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const DNSPERF = "/usr/bin/dnsperf";

/** `taskset -c LIST` for the clients, or nothing (see "CPU placement" above). */
let CLIENT_CPUS: string | null = null;

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const [file, argv] = CLIENT_CPUS ? [TASKSET, ["-c", CLIENT_CPUS, cmd, ...args]] : [cmd, args];
  return new Promise((resolve) => {
    const c = spawn(file, argv, { stdio: ["ignore", "pipe", "pipe"], cwd: ROOT });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    c.stdout.on("data", (d: Buffer) => out.push(d));
    c.stderr.on("data", (d: Buffer) => err.push(d));
    c.on("close", (code) =>
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }),
    );
  });
}

const TIME_FORMAT = "CUTOVER_TIME rss=%M user=%U sys=%S";

/** GNU time's peak RSS (KiB) and CPU seconds, written as the last stderr line. */
function timeOf(stderr: string): { rssMb: number; cpuS: number } {
  const m = /CUTOVER_TIME rss=(\d+) user=([\d.]+) sys=([\d.]+)/.exec(stderr);
  return m ? { rssMb: Number(m[1]) / 1024, cpuS: Number(m[2]) + Number(m[3]) } : { rssMb: NaN, cpuS: NaN };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

async function dnsperf(address: string, port: number, file: string, conc: number): Promise<Measure> {
  // -v reports every answer with its latency, from which p50/p99 are taken.
  const r = await run(TIME, [
    "-f",
    TIME_FORMAT,
    DNSPERF,
    "-s",
    address,
    "-p",
    String(port),
    "-d",
    file,
    "-n",
    "1",
    "-c",
    "1",
    "-q",
    String(conc),
    "-t",
    "5",
    "-e",
    "-v",
  ]);
  const num = (label: string) => {
    const m = new RegExp(`${label}:\\s+([\\d.]+)`).exec(r.stdout);
    return m ? Number(m[1]) : NaN;
  };
  const lat: number[] = [];
  for (const m of r.stdout.matchAll(/^> \S+ \S+ \S+ ([\d.]+)$/gm)) lat.push(Number(m[1]) * 1000);
  const sorted = Float64Array.from(lat).sort();
  if (r.code !== 0) throw new Error(`dnsperf failed (${r.code}): ${r.stderr}${r.stdout.slice(-2000)}`);
  const t = timeOf(r.stderr);
  return {
    tool: "dnsperf",
    sent: num("Queries sent"),
    answered: num("Queries completed"),
    lost: num("Queries lost"),
    qps: num("Queries per second"),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxRssMb: t.rssMb,
    cpuUsPerQuery: (t.cpuS * 1e6) / num("Queries sent"),
    note: lat.length === num("Queries completed") ? undefined : `${lat.length} latency lines`,
  };
}

/** Questions each Node tool asks once, untimed, before its run (--warmup). */
let WARMUP = 0;
/** Address of the throughput server (--address; another block keeps parallel runs apart). */
let ADDRESS = "127.0.0.20";

async function engine(address: string, port: number, file: string, conc: number): Promise<Measure> {
  const worker = fileURLToPath(new URL("./engine-worker.ts", import.meta.url));
  const r = await run(TIME, [
    "-f",
    TIME_FORMAT,
    process.execPath,
    "--import",
    "tsx",
    worker,
    address,
    String(port),
    file,
    String(conc),
    "5000",
    String(WARMUP),
  ]);
  if (r.code !== 0) throw new Error(`engine worker failed (${r.code}): ${r.stderr}`);
  const j = JSON.parse(r.stdout.trim().split("\n").pop()!) as Measure & {
    errors: Record<string, number>;
    mismatches: number;
    cpuRunUs: number;
    threads: ThreadCpu | null;
  };
  const errs = Object.entries(j.errors)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  return {
    ...j,
    tool: "cutover",
    maxRssMb: timeOf(r.stderr).rssMb,
    // the worker's own CPU during the run (node and tsx start-up excluded, unlike GNU time's total)
    cpuUsPerQuery: j.cpuRunUs / j.sent,
    note: [errs, j.mismatches ? `mismatches=${j.mismatches}` : ""].filter(Boolean).join(" ") || undefined,
  };
}

/** The Node dgram floor (node-floor.ts): a reference row, not a contender. */
async function nodeFloor(address: string, port: number, file: string, conc: number): Promise<Measure> {
  const script = fileURLToPath(new URL("./node-floor.ts", import.meta.url));
  const r = await run(TIME, [
    "-f",
    TIME_FORMAT,
    process.execPath,
    "--import",
    "tsx",
    script,
    address,
    String(port),
    file,
    String(conc),
    String(WARMUP),
  ]);
  if (r.code !== 0) throw new Error(`node-floor failed (${r.code}): ${r.stderr}`);
  const j = JSON.parse(r.stdout.trim().split("\n").pop()!) as Measure & { cpuRunUs: number; threads: ThreadCpu | null };
  return {
    ...j,
    tool: "node-floor",
    p50Ms: NaN,
    p99Ms: NaN,
    maxRssMb: timeOf(r.stderr).rssMb,
    cpuUsPerQuery: j.cpuRunUs / j.sent,
    note: "reference: bare Node dgram loop",
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (x: number) => `${f(x * 100, 1)} %`;

/**
 * The figures the targets are about: per round the ratio of the tools measured
 * back to back, and their median over the rounds (robust on a shared machine,
 * where one tool alone can meet a busy moment).
 */
function ratioReport(rounds: { d: Measure; c: Measure; n: Measure }[]): string {
  const cd = rounds.map((r) => r.c.qps / r.d.qps);
  const cn = rounds.map((r) => r.c.qps / r.n.qps);
  const nd = rounds.map((r) => r.n.qps / r.d.qps);
  const lost = rounds.reduce((a, r) => a + r.c.lost, 0);
  const cpu = (k: "d" | "c" | "n") => median(rounds.map((r) => r[k].cpuUsPerQuery));
  const ok = (v: boolean) => (v ? "met" : "NOT MET");
  const each = (xs: number[]) => xs.map((x) => f(x * 100, 0)).join(" / ");
  return [
    `Ratios of queries/s, median over ${rounds.length} rounds (each round: the three tools back to back):`,
    `  cutover / dnsperf     ${pct(median(cd)).padStart(8)}   target ≥ 50 %  ${ok(median(cd) >= 0.5).padEnd(7)}  rounds: ${each(cd)} %`,
    `  cutover / node floor  ${pct(median(cn)).padStart(8)}   target ≥ 55 %  ${ok(median(cn) >= 0.55).padEnd(7)}  rounds: ${each(cn)} %`,
    `  node floor / dnsperf  ${pct(median(nd)).padStart(8)}   reference (what a bare Node loop reaches)  rounds: ${each(nd)} %`,
    `  cutover lost answers  ${String(lost).padStart(8)}   target 0       ${ok(lost === 0)}`,
    `median queries/s: dnsperf ${f(median(rounds.map((r) => r.d.qps)))}, node floor ${f(median(rounds.map((r) => r.n.qps)))}, cutover ${f(median(rounds.map((r) => r.c.qps)))}`,
    `median CPU µs/query: dnsperf ${f(cpu("d"), 1)}, node floor ${f(cpu("n"), 1)}, cutover ${f(cpu("c"), 1)}`,
    `median CPU µs/query, main user / main sys / background threads: node floor ${threadsMedian(rounds, "n")}, cutover ${threadsMedian(rounds, "c")}`,
  ].join("\n");
}
function threadsMedian(rounds: { c: Measure; n: Measure }[], k: "c" | "n"): string {
  const of = (g: (t: ThreadCpu) => number) =>
    median(rounds.map((r) => (r[k].threads ? g(r[k].threads) / r[k].sent : NaN)));
  return `${f(
    of((t) => t.mainUserUs),
    1,
  )} / ${f(
    of((t) => t.mainSysUs),
    1,
  )} / ${f(
    of((t) => t.otherUs),
    1,
  )}`;
}
const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "-");

/** Where a Node worker's CPU went: main-thread user (JavaScript) and system (sockets), and V8's background threads (compiler, GC). */
function split(r: Measure): string {
  const t = r.threads;
  if (!t) return "";
  return `${f(t.mainUserUs / r.sent, 1)} / ${f(t.mainSysUs / r.sent, 1)}, ${f(t.otherUs / r.sent, 1)}`;
}

function table(rows: Measure[]): string {
  const head = [
    "tool",
    "sent",
    "answered",
    "lost",
    "queries/s",
    "p50 ms",
    "p99 ms",
    "peak RSS MB",
    "CPU µs/query",
    "main user/sys, background µs/query",
    "note",
  ];
  const body = rows.map((r) => [
    r.tool,
    f(r.sent),
    f(r.answered),
    f(r.lost),
    f(r.qps),
    f(r.p50Ms, 2),
    f(r.p99Ms, 2),
    f(r.maxRssMb, 1),
    f(r.cpuUsPerQuery, 1),
    split(r),
    r.note ?? "",
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(w[i])).join(" | ") + " |";
  return [line(head), "|" + w.map((x) => "-".repeat(x + 2)).join("|") + "|", ...body.map(line)].join("\n");
}

async function throughput(names: number, conc: number, rounds: number): Promise<void> {
  const zone = benchZone("bench.test.", names, ["ns1.bench.test."]);
  const spec: ServerSpec = {
    role: "bench-knot",
    impl: "knot",
    names: ["ns1.bench.test."],
    address: ADDRESS,
    zones: { [zone.zone]: zone.text },
  };
  const ns = await startNameservers([spec], { readyMs: 60_000 });
  const dir = mkdtempSync(join(tmpdir(), "cutover-bench-"));
  const placement = PIN ? pin(ns.servers.map((s) => s.pid)) : "unpinned (--no-pin)";
  try {
    const file = join(dir, "queries.txt");
    const lines = querySet(zone.names, ["A", "AAAA", "MX", "TXT"]);
    writeFileSync(file, lines.join("\n") + "\n");
    const knotVersion = spawnSync("/usr/sbin/knotd", ["-V"], { encoding: "utf8" }).stdout.trim();
    process.stdout.write(
      `\n## Throughput: ${knotVersion} on ${spec.address}:${ns.port}, ${names} names × A/AAAA/MX/TXT = ${lines.length} queries, ${conc} in flight, UDP, EDNS, no retries; ${placement}` +
        `${WARMUP > 0 ? `; the Node tools first ask ${WARMUP} of them untimed (JIT warm-up)` : "; cold start (JIT warm-up included)"}\n\n`,
    );
    const rows: Measure[] = [];
    /** Per round, the three tools back to back (order rotated), so each round's ratios share one machine state. */
    const perRound: { d: Measure; c: Measure; n: Measure }[] = [];
    const tools = [
      { key: "d" as const, label: "dnsperf", fn: dnsperf },
      { key: "c" as const, label: "cutover", fn: engine },
      { key: "n" as const, label: "node-floor", fn: nodeFloor },
    ];
    for (let i = 0; i < rounds; i++) {
      const round = {} as { d: Measure; c: Measure; n: Measure };
      for (let k = 0; k < tools.length; k++) {
        const t = tools[(i + k) % tools.length];
        const m = { ...(await t.fn(spec.address, ns.port, file, conc)), tool: `${t.label} #${i + 1}` };
        round[t.key] = m;
        rows.push(m);
      }
      perRound.push(round);
    }
    process.stdout.write(table(rows) + "\n\n");
    process.stdout.write(ratioReport(perRound) + "\n");
  } finally {
    CLIENT_CPUS = null;
    await ns.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

let PIN = true;

/** Pin the servers (every thread) to the last CPU and the clients to the rest; what was done, for the header. */
function pin(pids: number[]): string {
  const n = cpus().length;
  if (n < 2) return "unpinned (one CPU)";
  for (const pid of pids) {
    const r = spawnSync(TASKSET, ["-apc", String(n - 1), String(pid)], { encoding: "utf8" });
    if (r.status !== 0) return `unpinned (taskset: ${(r.stderr || r.error?.message || "").trim()})`;
  }
  CLIENT_CPUS = n === 2 ? "0" : `0-${n - 2}`;
  return `server pinned to CPU ${n - 1}, clients to CPU ${CLIENT_CPUS}`;
}

async function snapshotRun(names: number): Promise<void> {
  const zoneName = "big.test.";
  const hosts = ["ns1.big.test.", "ns2.big.test.", "ns3.big.test.", "ns4.big.test."];
  const addr = ["127.0.0.1", "127.0.0.21", "127.0.0.22", "127.0.0.23"];
  const zone = benchZone(zoneName, names, hosts);
  const glue = hosts.map((h, i) => `${h} IN A ${addr[i]}`).join("\n");
  const text = zone.text + glue + "\n";
  const soa = (o: string) => `${o} 3600 IN SOA a.root.bench. hostmaster.bench. 1 7200 900 1209600 300\n`;
  const root = `$TTL 86400\n${soa(".")}. IN NS a.root.bench.\na.root.bench. IN A 127.0.0.24\ntest. IN NS ns.tld.bench.\nns.tld.bench. IN A 127.0.0.25\n`;
  const tld = `$TTL 86400\n${soa("test.")}test. IN NS ns.tld.bench.\n${hosts.map((h) => `big.test. 172800 IN NS ${h}`).join("\n")}\n${glue}\n`;
  const specs: ServerSpec[] = [
    {
      role: "big-bind",
      impl: "bind",
      names: [hosts[0]],
      address: addr[0],
      zones: { [zoneName]: text },
      transfer: "any",
    },
    { role: "big-nsd", impl: "nsd", names: [hosts[1]], address: addr[1], zones: { [zoneName]: text }, transfer: "any" },
    {
      role: "big-knot",
      impl: "knot",
      names: [hosts[2]],
      address: addr[2],
      zones: { [zoneName]: text },
      transfer: "any",
    },
    {
      role: "big-nsd2",
      impl: "nsd",
      names: [hosts[3]],
      address: addr[3],
      zones: { [zoneName]: text },
      transfer: "any",
    },
    { role: "bench-root", impl: "knot", names: ["a.root.bench."], address: "127.0.0.24", zones: { ".": root } },
    { role: "bench-tld", impl: "nsd", names: ["ns.tld.bench."], address: "127.0.0.25", zones: { "test.": tld } },
  ];
  const ns = await startNameservers(specs, { readyMs: 60_000 });
  try {
    const hints = parseRootHints(`. NS a.root.bench.\na.root.bench. A 127.0.0.24\n`);
    if (!hints.ok) throw new Error(hints.message);
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const snap = await runSnapshot({
      zone: zoneName,
      rootHints: hints.servers,
      allowPrivate: true,
      port: ns.port,
      axfr: true,
      retries: 2,
      deadlineMs: 300_000,
      limits: { ratePerServer: Infinity, maxQueries: 2_000_000, maxInFlight: 64, maxInFlightPerServer: 16 },
    });
    const seconds = (performance.now() - t0) / 1000;
    const failed = snap.answers.filter((a) => a.rcode === null).length;
    const perServer = addr.map((a) => {
      const xs = Float64Array.from(
        snap.answers.filter((x) => x.server.address === a && x.rcode !== null).map((x) => x.elapsedMs),
      ).sort();
      const errs = snap.answers.filter((x) => x.server.address === a && x.rcode === null).map((x) => x.error?.kind);
      return `${a}: ${xs.length} answers, p50 ${percentile(xs, 50).toFixed(2)} ms, p99 ${percentile(xs, 99).toFixed(2)} ms${errs.length ? `, no answer: ${errs.join(",")}` : ""}`;
    });
    process.stdout.write(
      `\n## Full snapshot: ${zoneName} (${names} names + apex) on 4 servers (BIND ${addr[0]}, NSD ${addr[1]}, Knot ${addr[2]}, NSD ${addr[3]}), ` +
        `delegation walk from a lab root, rate limit lifted, 64 in flight (16 per server)\n\n`,
    );
    process.stdout.write(
      [
        `servers: ${snap.servers.map((s) => `${s.name} ${s.address} serial=${s.soaSerial} axfr=${s.axfr}(${s.axfrRecords})`).join("; ")}`,
        `names discovered: ${snap.names.length}; answers stored: ${snap.answers.length}; packets sent: ${snap.counts.sent}; ` +
          `answered: ${snap.counts.answered}; failed (no answer): ${failed}; rcode errors: ${snap.counts.failed - failed}`,
        ...perServer,
        `elapsed: ${seconds.toFixed(1)} s (target < 30 s); ${(snap.counts.sent / seconds).toFixed(0)} queries/s; ` +
          `RSS ${((process.memoryUsage().rss - rss0) / 2 ** 20).toFixed(0)} MB above the start, peak process RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
      ].join("\n") + "\n",
    );
  } finally {
    await ns.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      concurrency: { type: "string", default: "64" },
      rounds: { type: "string", default: "5" },
      names: { type: "string", default: "10000" },
      "skip-snapshot": { type: "boolean" },
      "skip-throughput": { type: "boolean" },
      warmup: { type: "string", default: "0" },
      address: { type: "string", default: "127.0.0.20" },
      "no-pin": { type: "boolean" },
    },
  });
  PIN = !values["no-pin"];
  WARMUP = Number(values.warmup);
  ADDRESS = values.address;
  try {
    readFileSync(DNSPERF);
  } catch {
    throw new Error("dnsperf is not installed (apt-get install -y dnsperf)");
  }
  const names = Number(values.names);
  process.stdout.write(
    `Cutover DNS benchmark — node ${process.version}, ${(await import("node:os")).cpus().length} CPUs, load ${(
      await import("node:os")
    )
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}\n`,
  );
  if (!values["skip-throughput"]) await throughput(names, Number(values.concurrency), Number(values.rounds));
  if (!values["skip-snapshot"]) await snapshotRun(names);
}

main().catch((e) => {
  process.stderr.write(`bench:dns: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
