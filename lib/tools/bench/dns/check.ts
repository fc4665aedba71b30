/**
 * `npm run bench:check` — not a test. A full
 * `cutover check` at default settings on generated zones served by real
 * nameservers on loopback: the old operator on two servers (BIND allowing
 * AXFR, NSD refusing it, unless --axfr-everywhere), the new operator on two
 * (Knot and NSD), delegated from a lab root and TLD; the upload is the old
 * primary's `dig AXFR` output and the new operator serves the same data
 * under its own apex NS and SOA (a clean move).
 *
 * Printed per run: wall time, queries sent, peak RSS (GNU time), verdict and
 * blockers, how much of each priority class was asked, and as the reference
 * the time of `dig AXFR` from every server plus `ldns-compare-zones` on the
 * transfers (ldnsutils).
 *
 * Runs (default all): 5k (5,000 names, new servers allow AXFR),
 * 5k-new-refuses (5,000 names, AXFR refused at the new servers),
 * 100k (100,000 names, AXFR allowed at every server).
 * Options: --runs 5k,100k,5k-new-refuses, --net 127.0.0 (the /24 the NSD and Knot lab servers
 * listen in: .4, .5, .6 for the zone's servers, .24 and .25 for the lab root and TLD; BIND, the old
 * primary, is always on 127.0.0.1)
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { startNameservers, type ServerSpec } from "../../../lab/lab";
import { checkZone, childZone } from "./check-zone";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const TIME = "/usr/bin/time";
const TIME_FORMAT = "CUTOVER_TIME rss=%M wall=%e";

interface RunSpec {
  id: string;
  hosts: number;
  /** AXFR policy of old-secondary, new1, new2 (the old primary always allows it). */
  oldSecondary: "any" | "none";
  neu: "any" | "none";
  target: string;
}

const RUNS: RunSpec[] = [
  { id: "5k", hosts: 5_000, oldSecondary: "none", neu: "any", target: "< 60 s, < 300 MB, GO with 0 blockers" },
  { id: "5k-new-refuses", hosts: 5_000, oldSecondary: "none", neu: "none", target: "within its derived deadline, GO" },
  { id: "100k", hosts: 100_000, oldSecondary: "any", neu: "any", target: "< 180 s, < 1.5 GB, GO" },
];

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const c = spawn(cmd, args, {
      stdio: ["ignore", "pipe", "pipe"],
      cwd: ROOT,
      env: { ...process.env, CUTOVER_TRACE_PHASES: "1" },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    c.stdout.on("data", (d: Buffer) => out.push(d));
    c.stderr.on("data", (d: Buffer) => err.push(d));
    c.on("close", (code) =>
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
        ms: performance.now() - t0,
      }),
    );
  });
}

const mb = (kib: number) => `${(kib / 1024).toFixed(0)} MB`;

async function benchRun(spec: RunSpec, net: string): Promise<void> {
  const zone = `bench${spec.id.replace(/[^a-z0-9]/g, "")}.test.`;
  // BIND listens only on addresses configured on an interface: the old primary stays on 127.0.0.1.
  const addr = {
    oldPrimary: "127.0.0.1",
    oldSecondary: `${net}.4`,
    new1: `${net}.5`,
    new2: `${net}.6`,
    root: `${net}.24`,
    tld: `${net}.25`,
  };
  const oldNs = ["ns1.oldhost.test.", "ns2.oldhost.test."];
  const newNs = ["ns1.newhost.test.", "ns2.newhost.test."];
  const oldZone = checkZone({
    zone,
    hosts: spec.hosts,
    ns: oldNs,
    mname: oldNs[0],
    serial: 2026120101,
    childAddress: addr.oldPrimary,
  });
  const newZone = checkZone({
    zone,
    hosts: spec.hosts,
    ns: newNs,
    mname: newNs[0],
    serial: 7,
    childAddress: addr.oldPrimary,
  });
  const soa = (o: string) => `${o} 86400 IN SOA a.root.bench. hostmaster.bench. 1 7200 900 1209600 300\n`;
  const root = `$TTL 86400\n${soa(".")}. IN NS a.root.bench.\na.root.bench. IN A ${addr.root}\ntest. IN NS ns.tld.bench.\nns.tld.bench. IN A ${addr.tld}\n`;
  const tld =
    `$TTL 86400\n${soa("test.")}test. IN NS ns.tld.bench.\n` +
    oldNs.map((n) => `${zone} 172800 IN NS ${n}`).join("\n") +
    `\nns1.oldhost.test. IN A ${addr.oldPrimary}\nns2.oldhost.test. IN A ${addr.oldSecondary}\nns1.newhost.test. IN A ${addr.new1}\nns2.newhost.test. IN A ${addr.new2}\n`;
  const specs: ServerSpec[] = [
    {
      role: "old-primary",
      impl: "bind",
      names: [oldNs[0]],
      address: addr.oldPrimary,
      zones: { [zone]: oldZone.text, [`sub.${zone}`]: childZone(zone, addr.oldPrimary) },
      transfer: "any",
    },
    {
      role: "old-secondary",
      impl: "nsd",
      names: [oldNs[1]],
      address: addr.oldSecondary,
      zones: { [zone]: oldZone.text },
      transfer: spec.oldSecondary,
    },
    {
      role: "new-1",
      impl: "knot",
      names: [newNs[0]],
      address: addr.new1,
      zones: { [zone]: newZone.text },
      transfer: spec.neu,
    },
    {
      role: "new-2",
      impl: "nsd",
      names: [newNs[1]],
      address: addr.new2,
      zones: { [zone]: newZone.text },
      transfer: spec.neu,
    },
    { role: "bench-root", impl: "knot", names: ["a.root.bench."], address: addr.root, zones: { ".": root } },
    { role: "bench-tld", impl: "nsd", names: ["ns.tld.bench."], address: addr.tld, zones: { "test.": tld } },
  ];
  const dir = mkdtempSync(join(tmpdir(), "cutover-bench-check-"));
  const ns = await startNameservers(specs, { readyMs: 120_000 });
  try {
    const port = String(ns.port);
    process.stdout.write(
      `\n## ${spec.id}: ${zone} — ${oldZone.names} names; old: BIND ${addr.oldPrimary} (AXFR allowed), NSD ${addr.oldSecondary} (AXFR ${spec.oldSecondary === "any" ? "allowed" : "refused"}); ` +
        `new: Knot ${addr.new1}, NSD ${addr.new2} (AXFR ${spec.neu === "any" ? "allowed" : "refused"}); target ${spec.target}\n\n`,
    );
    // Reference: dig AXFR from every server, and ldns-compare-zones on the transfers.
    const files: Record<string, string> = {};
    for (const [role, a] of Object.entries({
      "old-primary": addr.oldPrimary,
      "old-secondary": addr.oldSecondary,
      "new-1": addr.new1,
      "new-2": addr.new2,
    })) {
      const r = await run(TIME, [
        "-f",
        TIME_FORMAT,
        "dig",
        "+noall",
        "+answer",
        "+nocookie",
        "-p",
        port,
        `@${a}`,
        zone,
        "AXFR",
      ]);
      const ok = r.code === 0 && /\sSOA\s/.test(r.stdout);
      const records = ok ? r.stdout.split("\n").filter((l) => l && !l.startsWith(";")).length : 0;
      process.stdout.write(
        `reference dig AXFR @${a} (${role}): ${(r.ms / 1000).toFixed(2)} s, ${ok ? `${records} records` : "refused/failed"}\n`,
      );
      if (ok) writeFileSync((files[role] = join(dir, `${role}.zone`)), r.stdout);
    }
    const pairs = Object.keys(files)
      .filter((k) => k !== "old-primary")
      .map((k) => ["old-primary", k]);
    for (const [a, b] of pairs) {
      const r = await run(TIME, ["-f", TIME_FORMAT, "ldns-compare-zones", "-a", files[a], files[b]]);
      const rss = /rss=(\d+)/.exec(r.stderr);
      const summary = r.stdout.trim().split("\n").pop() ?? "";
      process.stdout.write(
        `reference ldns-compare-zones ${a} ${b}: ${(r.ms / 1000).toFixed(2)} s, ${rss ? mb(Number(rss[1])) : "?"}; ${summary}\n`,
      );
    }
    const exportFile = files["old-primary"];
    const hints = join(dir, "root.hints");
    writeFileSync(hints, `. NS a.root.bench.\na.root.bench. A ${addr.root}\n`);
    const args = [
      join(ROOT, "lib/cli/bin.mjs"),
      "check",
      zone,
      "--zone",
      exportFile,
      "--new-ns",
      `${newNs[0]}=${addr.new1}`,
      "--new-ns",
      `${newNs[1]}=${addr.new2}`,
      "--root-hints",
      hints,
      "--port",
      port,
      "--allow-private",
      "--dns-hosting-moves",
      "yes",
    ];
    const dirOpt = process.env.CUTOVER_BENCH_PROFILE;
    const prof = process.env.CUTOVER_BENCH_TRACE_GC
      ? ["--trace-gc"]
      : process.env.CUTOVER_BENCH_EXPOSE_GC
        ? ["--expose-gc"]
        : dirOpt
          ? [
              process.env.CUTOVER_BENCH_HEAP ? "--heap-prof" : "--cpu-prof",
              process.env.CUTOVER_BENCH_HEAP ? "--heap-prof-dir" : "--cpu-prof-dir",
              dirOpt,
            ]
          : [];
    const r = await run(TIME, ["-f", TIME_FORMAT, process.execPath, ...prof, ...args]);
    const rss = /rss=(\d+)/.exec(r.stderr);
    if (process.env.CUTOVER_BENCH_TRACE_GC) writeFileSync("/tmp/cutover-bench-gc.log", r.stdout);
    // Each phase: its start, the live heap then, and the highest RSS of the phase before it.
    const phases = [...r.stderr.matchAll(/phase (\w+) at ([\d.]+) s, heap (\d+) MB(?:, rss before (\d+) MB)?/g)].map(
      (m) => `${m[1]} ${m[2]} s (${m[3]} MB${m[4] ? `; rss before ${m[4]} MB` : ""})`,
    );
    if (phases.length) process.stdout.write(`  phases: ${phases.join(", ")}\n`);
    // Default output (text): the verdict line, the queries sent, and each snapshot's plan line.
    const head = r.stdout.split("\n")[0] ?? "";
    const sent = /queries sent (\d+)/.exec(r.stdout)?.[1] ?? "?";
    if (!/: (GO|NO-GO) —/.test(head)) {
      process.stdout.write(`cutover check failed (exit ${r.code}): ${r.stderr.slice(-3000)}\n`);
      return;
    }
    process.stdout.write(
      `cutover check: ${(r.ms / 1000).toFixed(1)} s wall, ${sent} queries sent, peak RSS ${rss ? mb(Number(rss[1])) : "?"}, exit ${r.code}\n  ${head}\n`,
    );
    for (const l of r.stdout.split("\n")) if (/^(old|new) snapshot: /.test(l)) process.stdout.write(`  ${l}\n`);
    process.stdout.write(deadlineLines(r.stdout, r.stderr));
    const blockers = r.stdout.split("\nBLOCKERS")[1]?.split("\n\n")[0];
    if (blockers)
      process.stdout.write(
        blockers
          .split("\n")
          .filter((l) => /^ {2}\S/.test(l))
          .slice(0, 20)
          .map((l) => `  BLOCKER${l}\n`)
          .join(""),
      );
  } finally {
    await ns.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Per snapshot: how long it took (from its phase's start to the next phase's)
 * against its deadline, from the check's plan lines and phase trace — the
 * figure the "finishes within its derived deadline" target is about.
 */
function deadlineLines(stdout: string, stderr: string): string {
  const starts = [...stderr.matchAll(/phase (\w+) at ([\d.]+) s/g)].map((m) => ({ phase: m[1], at: Number(m[2]) }));
  const out: string[] = [];
  for (const side of ["old", "new"]) {
    const plan = new RegExp(`^${side} snapshot: rate \\S+ q/s per server, deadline (\\d+) s \\(([^)]+)\\)`, "m").exec(
      stdout,
    );
    const i = starts.findIndex((p) => p.phase === side);
    if (!plan || i < 0 || i + 1 >= starts.length) continue;
    const took = starts[i + 1].at - starts[i].at;
    const stopped = new RegExp(`^${side} snapshot: STOPPED EARLY`, "m").test(stdout);
    const ok = !stopped && took <= Number(plan[1]);
    out.push(
      `  ${side} snapshot took ${took.toFixed(1)} s of its ${plan[1]} s deadline (${plan[2]}): ${ok ? "finished within it" : "NOT within it"}\n`,
    );
  }
  return out.join("");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: RUNS.map((r) => r.id).join(",") },
      hosts: { type: "string" },
      net: { type: "string", default: "127.0.0" },
    },
  });
  if (!/^127\.\d{1,3}\.\d{1,3}$/.test(values.net!))
    throw new Error("--net must be the first three octets of a loopback /24, e.g. 127.0.41");
  const wanted = values.runs!.split(",");
  // --hosts N: the chosen runs with N host names instead (profiling).
  if (values.hosts) for (const r of RUNS) r.hosts = Number(values.hosts);
  const os = await import("node:os");
  process.stdout.write(
    `Cutover check benchmark — node ${process.version}, ${os.cpus().length} CPUs, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}\n`,
  );
  for (const spec of RUNS.filter((r) => wanted.includes(r.id))) await benchRun(spec, values.net!);
}

main().catch((e) => {
  process.stderr.write(`bench:check: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
