/**
 * Benchmark child process: replays a dnsperf data file through Cutover's
 * engine (queryServer, evidence included) against one server with a fixed
 * number of queries in flight and the rate limit lifted, then prints one
 * JSON line of results. Run as its own process so its peak RSS is its own.
 *
 * With WARMUP > 0, the first WARMUP questions are asked once before the
 * timed run (not counted): the JIT has then compiled the query path, as in
 * any run longer than a few thousand queries.
 *
 *   tsx lib/tools/bench/dns/engine-worker.ts ADDRESS PORT DATAFILE CONCURRENCY TIMEOUT_MS [WARMUP]
 */
import { readFileSync } from "node:fs";
import { parseName } from "../../../zone/name";
import { typeFromText } from "../../../zone/rrtype";
import { queryServer } from "../../../dns/query-server";
import { QuerySession } from "../../../dns/session";
import type { Question } from "../../../dns/types";
import { threadCpu } from "./thread-cpu";

async function main(): Promise<void> {
  const [address, portText, file, concText, timeoutText, warmupText] = process.argv.slice(2);
  const port = Number(portText);
  const concurrency = Number(concText);
  const questions: Question[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line) continue;
    const [n, t] = line.split(" ");
    const w = parseName(n, null);
    const type = typeFromText(t);
    if (!w.ok || type === undefined) throw new Error(`bad query line: ${line}`);
    questions.push({ name: w.wire, type, class: 1 });
  }
  const session = new QuerySession({
    allowPrivate: true,
    port,
    timeoutMs: Number(timeoutText),
    retries: 0, // dnsperf does not retry either: a timeout is a lost answer
    deadlineMs: 600_000,
    limits: {
      maxInFlight: concurrency,
      maxInFlightPerServer: concurrency,
      ratePerServer: Infinity,
      maxQueries: Infinity,
    },
  });
  const server = { name: "bench.", address, port };
  // The harness's own bookkeeping stays off the engine's bill: preallocated typed arrays, no object keyed per answer.
  const latencies = new Float64Array(questions.length);
  let answeredCount = 0;
  const rcodeCounts = new Uint32Array(4096); // extended RCODEs are 12 bits (RFC 6891 §6.1.3)
  let mismatches = 0;
  const errors: Record<string, number> = {};
  let records = 0;
  let next = 0;
  const warmup = Math.min(Number(warmupText ?? 0), questions.length);
  if (warmup > 0) {
    let w = 0;
    const warm = async () => {
      while (w < warmup) await queryServer(session, server, questions[w++]);
    };
    await Promise.all(Array.from({ length: concurrency }, warm));
  }
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const threads = threadCpu();
  const worker = async () => {
    while (next < questions.length) {
      const i = next++;
      const a = await queryServer(session, server, questions[i]);
      // Every answer's evidence records are decoded, as a snapshot reads them (discovery, checks).
      records += a.records.length;
      mismatches += a.mismatches;
      if (a.rcode !== null) {
        latencies[answeredCount++] = a.elapsedMs;
        rcodeCounts[a.rcode]++;
      } else if (a.error) errors[a.error.kind] = (errors[a.error.kind] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const t = threads();
  session.close();
  const answered = answeredCount;
  const rcodes: Record<string, number> = {};
  rcodeCounts.forEach((n, rcode) => {
    if (n > 0) rcodes[rcode] = n;
  });
  // Latency over answered queries only, like dnsperf.
  const ok = latencies.subarray(0, answeredCount).sort();
  const pct = (p: number) => (ok.length ? ok[Math.min(ok.length - 1, Math.floor((p / 100) * ok.length))] : NaN);
  process.stdout.write(
    JSON.stringify({
      sent: questions.length,
      answered,
      lost: questions.length - answered,
      seconds,
      qps: questions.length / seconds,
      p50Ms: pct(50),
      p99Ms: pct(99),
      rcodes,
      errors,
      records,
      mismatches,
      cpuRunUs: cpu.user + cpu.system,
      cpuUserUs: cpu.user,
      cpuSysUs: cpu.system,
      threads: t,
    }) + "\n",
  );
}

main().catch((e) => {
  process.stderr.write(`engine-worker: ${(e as Error).stack}\n`);
  process.exit(1);
});
