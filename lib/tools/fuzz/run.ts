/**
 * Fuzz benchmark (npm run fuzz): ≥ 1,000,000 generated inputs across the
 * zone parser, the RDATA codecs, the importers and the DNS response decoder.
 * Properties (targets.ts): no throw, per-call time within 50 ms + 50 ms/KiB,
 * well-formed diagnostics; then parse time vs input size at 1×, 2×, 4×, 8×.
 * A failing input is shrunk by fast-check and written to lib/tools/fuzz/corpus/.
 * A hang (no progress for --hang-seconds) is caught by a watchdog thread that
 * records the run's seed and path, kills the process, and on the next start
 * the input is regenerated into the corpus.
 *
 * Usage: tsx lib/tools/fuzz/run.ts [--inputs 1000000] [--seed 42] [--targets zone,rdata,import,dns]
 *                            [--no-save] [--hang-seconds 60]
 */
import fc from "fast-check";
import { existsSync, mkdirSync, readFileSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { parseZone } from "../../zone/parse";
import { importZone } from "../../zone/import";
import { name } from "../../zone/name";
import { CORPUS_DIR, saveEntry } from "./corpus";
import { dnsArb, importArb, rdataArb, zoneArb } from "./generators";
import { loadSeeds, type Seeds } from "./seeds";
import { TARGETS, checkInput, type TargetInput, type TargetName } from "./targets";

function arg(flag: string, fallback: string): string {
  const i = process.argv.indexOf(flag);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const TOTAL = Number(arg("--inputs", "1000000"));
const SEED = Number(arg("--seed", String(Date.now() % 2 ** 31)));
const ONLY = arg("--targets", TARGETS.join(",")).split(",") as TargetName[];
const SAVE = !process.argv.includes("--no-save");
const HANG_S = Number(arg("--hang-seconds", "60"));
const CHUNK = 2000;

/** Share of the inputs per target (cheap targets get more). */
const SHARE: Record<TargetName, number> = { zone: 0.4, rdata: 0.25, import: 0.05, dns: 0.3 };

function arbitraryFor(t: TargetName, seeds: Seeds): fc.Arbitrary<TargetInput> {
  switch (t) {
    case "zone":
      return zoneArb(seeds);
    case "rdata":
      return rdataArb(seeds);
    case "import":
      return importArb(seeds);
    case "dns":
      return dnsArb();
  }
}

// --- watchdog ---------------------------------------------------------------
// [0] heartbeat, [1] target index, [2] chunk seed, [3] run index in chunk.
const shared = new Int32Array(new SharedArrayBuffer(16));
const PENDING = join(CORPUS_DIR, ".pending-hang.json");

function startWatchdog(): Worker {
  const src = `
    const { workerData } = require("node:worker_threads");
    const fs = require("node:fs");
    const s = workerData.shared; let last = -1, since = Date.now();
    setInterval(() => {
      const hb = Atomics.load(s, 0);
      if (hb !== last) { last = hb; since = Date.now(); return; }
      if (Date.now() - since < workerData.hangMs) return;
      const rec = { target: workerData.targets[Atomics.load(s, 1)], seed: Atomics.load(s, 2), path: String(Atomics.load(s, 3)) };
      fs.writeFileSync(workerData.pending, JSON.stringify(rec));
      process.stderr.write("HANG: no progress for " + workerData.hangMs / 1000 + " s in " + JSON.stringify(rec) + "; killing the run. Rerun to store the input in the corpus.\\n");
      process.kill(process.pid, "SIGKILL");
    }, 1000);`;
  const w = new Worker(src, {
    eval: true,
    workerData: { shared, hangMs: HANG_S * 1000, pending: PENDING, targets: TARGETS },
  });
  w.unref();
  return w;
}

/** A hang recorded by the previous run: regenerate its input from seed + path and store it. */
function resolvePendingHang(seeds: Seeds): void {
  if (!existsSync(PENDING)) return;
  const rec = JSON.parse(readFileSync(PENDING, "utf8")) as { target: TargetName; seed: number; path: string };
  const [input] = fc.sample(arbitraryFor(rec.target, seeds), { seed: rec.seed, path: rec.path, numRuns: 1 });
  const file = saveEntry(input);
  console.log(`stored the input that hung the previous run as corpus/${file}`);
  unlinkSync(PENDING);
}

// --- fuzzing ----------------------------------------------------------------

interface Stats {
  target: TargetName;
  inputs: number;
  failures: number;
  times: Float64Array;
  bytes: number;
  saved: string[];
  signatures: Map<string, number>;
  examples: string[];
}

/** Group failures by their first violation with numbers removed, so one bug is not stored a thousand times. */
function signature(v: string[]): string {
  return (v[0] ?? "")
    .split("\n")[0]
    .replace(/\d+(\.\d+)?/g, "N")
    .slice(0, 120);
}

function fuzzTarget(t: TargetName, n: number, seeds: Seeds): Stats {
  const arb = arbitraryFor(t, seeds);
  const st: Stats = {
    target: t,
    inputs: 0,
    failures: 0,
    times: new Float64Array(n),
    bytes: 0,
    saved: [],
    signatures: new Map(),
    examples: [],
  };
  Atomics.store(shared, 1, TARGETS.indexOf(t));
  let chunk = 0;
  const started = performance.now();
  let lastReport = started;
  while (st.inputs < n) {
    const runs = Math.min(CHUNK, n - st.inputs);
    const seed = (SEED + TARGETS.indexOf(t) * 1_000_003 + chunk * 7919) | 0;
    chunk++;
    Atomics.store(shared, 2, seed);
    let index = 0;
    let shrinking = false;
    let shrinkCalls = 0;
    let shrinkStart = 0;
    let lastViolations: string[] = [];
    const prop = fc.property(arb, (input) => {
      Atomics.add(shared, 0, 1);
      if (!shrinking) Atomics.store(shared, 3, index);
      const r = checkInput(input);
      if (!shrinking) {
        st.times[st.inputs] = r.ms;
        st.inputs++;
        index++;
        if (r.violations.length === 0) return true;
        shrinking = true;
        shrinkStart = performance.now();
        lastViolations = r.violations;
        return false;
      }
      // Shrinking: bounded, skipped for a kind already stored 3 times, and only towards inputs that fail the same way.
      if ((st.signatures.get(signature(lastViolations)) ?? 0) >= 3) return true;
      if (++shrinkCalls > 1000 || performance.now() - shrinkStart > 8_000) return true;
      if (r.violations.length > 0 && signature(r.violations) === signature(lastViolations)) {
        lastViolations = r.violations;
        return false;
      }
      return true;
    });
    const details = fc.check(prop, { numRuns: runs, seed });
    if (details.failed && details.counterexample) {
      const input = details.counterexample[0];
      st.failures++;
      const sig = signature(lastViolations);
      const seen = st.signatures.get(sig) ?? 0;
      st.signatures.set(sig, seen + 1);
      if (seen === 0)
        st.examples.push(
          `${sig}  [seed ${seed} path ${details.counterexamplePath ?? ""}]\n      ${lastViolations.slice(0, 3).join("\n      ")}`,
        );
      // A few shrunk examples per distinct failure are enough to reproduce and fix it.
      if (SAVE && seen < 3) st.saved.push(saveEntry(input));
    }
    const now = performance.now();
    if (now - lastReport > 10_000) {
      lastReport = now;
      process.stdout.write(
        `  ${t}: ${st.inputs}/${n} inputs, ${st.failures} failures, ${((now - started) / 1000).toFixed(0)} s\n`,
      );
    }
  }
  st.times = st.times.subarray(0, st.inputs);
  return st;
}

// --- linearity -------------------------------------------------------------------

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Time per multiple of a base text (median of 3), normalised: t(k) / (k · t(1)). ~1 = linear. */
function linearity(seeds: Seeds, samples: number): { ratios: number[][]; baseBytes: number } {
  const origin = name("example.test.");
  const lines = fc.sample(zoneArb(seeds), { numRuns: samples * 400, seed: SEED ^ 0x5eed });
  const ratios: number[][] = [];
  let baseBytes = 0;
  for (let s = 0; s < samples; s++) {
    const base = lines
      .slice(s * 400, (s + 1) * 400)
      .map((x) => (x.target === "zone" ? x.text : ""))
      .join("\n");
    baseBytes = Math.max(baseBytes, base.length);
    const time = (k: number) => {
      const text = Array.from({ length: k }, () => base).join("\n");
      // No include resolver: the include fan-out is a separate finding, here we measure the parser proper.
      return median(
        [0, 1, 2].map(() => {
          const t0 = performance.now();
          parseZone(text, { file: "lin.zone", origin });
          return performance.now() - t0;
        }),
      );
    };
    time(1); // warm-up
    const t1 = time(1);
    ratios.push([1, 2, 4, 8].map((k) => time(k) / (k * t1)));
  }
  return { ratios, baseBytes };
}

function importLinearity(seeds: Seeds): number[] {
  const base = seeds.textExports.join("\n");
  const time = (k: number) => {
    const bytes = Buffer.from(Array.from({ length: k * 20 }, () => base).join("\n"), "latin1");
    return median(
      [0, 1, 2].map(() => {
        const t0 = performance.now();
        importZone([{ name: "lin.zone", bytes }], { format: "bind", origin: "example.test." });
        return performance.now() - t0;
      }),
    );
  };
  time(1);
  const t1 = time(1);
  return [1, 2, 4, 8].map((k) => time(k) / (k * t1));
}

// --- main ------------------------------------------------------------------------

function pct(xs: Float64Array, p: number): number {
  if (xs.length === 0) return 0;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function main(): void {
  mkdirSync(CORPUS_DIR, { recursive: true });
  const t0 = performance.now();
  const seeds = loadSeeds();
  resolvePendingHang(seeds);
  console.log(
    `fuzz: ${TOTAL} inputs, seed ${SEED}, targets ${ONLY.join(",")}; seeds: ${seeds.zoneLines.length} zone lines, ${seeds.rdata.length} rdata lists, ${seeds.textExports.length + seeds.route53.length + seeds.cloudflareJson.length} exports`,
  );
  startWatchdog();
  const shareSum = ONLY.reduce((a, t) => a + SHARE[t], 0);
  const stats: Stats[] = [];
  for (const t of ONLY) {
    const n = Math.max(1, Math.round((TOTAL * SHARE[t]) / shareSum));
    const ts = performance.now();
    const st = fuzzTarget(t, n, seeds);
    stats.push(st);
    console.log(
      `${t}: ${st.inputs} inputs in ${((performance.now() - ts) / 1000).toFixed(1)} s, ${st.failures} failures`,
    );
  }
  Atomics.add(shared, 0, 1);
  const lin = ONLY.includes("zone") ? linearity(seeds, 8) : null;
  Atomics.add(shared, 0, 1);
  const linImport = ONLY.includes("import") ? importLinearity(seeds) : null;

  const fmt = (r: number[]) => r.map((x) => x.toFixed(2)).join(" / ");
  const rows = stats.map((s) => {
    let lr = "-";
    if (s.target === "zone" && lin)
      lr = fmt([1, 2, 3].map((i) => Math.max(...lin.ratios.map((r) => r[i]))).reduce((a, x) => [...a, x], [1]));
    if (s.target === "import" && linImport) lr = fmt(linImport);
    const mean = s.times.reduce((a, x) => a + x, 0) / Math.max(1, s.times.length);
    return [
      s.target,
      String(s.inputs),
      String(s.failures),
      String(s.signatures.size),
      pct(s.times, 100).toFixed(2),
      pct(s.times, 99).toFixed(3),
      mean.toFixed(3),
      lr,
    ];
  });
  const head = ["target", "inputs", "failures", "distinct", "max ms", "p99 ms", "mean ms", "t(k)/(k·t1) k=1/2/4/8"];
  const all = [
    head,
    ...rows,
    [
      "total",
      String(stats.reduce((a, s) => a + s.inputs, 0)),
      String(stats.reduce((a, s) => a + s.failures, 0)),
      String(stats.reduce((a, s) => a + s.signatures.size, 0)),
      "",
      "",
      "",
      "",
    ],
  ];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  console.log("");
  for (const r of all)
    console.log(r.map((c, i) => (i === 0 || i === 7 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "));
  if (lin) {
    console.log(
      `\nlinearity (parseZone, ${lin.ratios.length} fuzz blocks of up to ${lin.baseBytes} bytes, worst block per k): ${fmt([1, 2, 3].map((i) => Math.max(...lin.ratios.map((r) => r[i]))).reduce((a, x) => [...a, x], [1]))}`,
    );
    console.log(
      `linearity (parseZone, median block): ${fmt([0, 1, 2, 3].map((i) => median(lin.ratios.map((r) => r[i]))))}`,
    );
  }
  for (const s of stats) {
    if (s.examples.length === 0) continue;
    console.log(`\n${s.target} failures by kind:`);
    for (const e of s.examples) console.log(`  - ${e}`);
    if (s.saved.length) console.log(`  stored: ${s.saved.map((f) => `corpus/${f}`).join(", ")}`);
  }
  console.log(`\ntotal ${((performance.now() - t0) / 1000).toFixed(1)} s (seed ${SEED}; replay one run with --seed)`);
  // Judge on the median block (single small blocks swing 0.2–4.6 on a loaded
  // 2-core machine); a truly quadratic block would still show ~8 at k = 8.
  const superLinear =
    lin !== null && (median(lin.ratios.map((r) => r[3])) > 2 || Math.max(...lin.ratios.map((r) => r[3])) > 8);
  process.exitCode = stats.some((s) => s.failures > 0) || superLinear ? 1 : 0;
}

main();
