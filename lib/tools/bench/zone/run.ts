/**
 * Zone benchmark (npm run bench:zone): a deterministic ~1M-record zone,
 * 1. Cutover's parseZone and its full importZone (each in a child process)
 *    next to named-checkzone and kzonecheck;
 * 2. `cutover zone diff` of that zone against a copy with ~1,000 changed
 *    records (change-zone.ts) next to ldns-compare-zones on the same files.
 * Median of N runs each, wall time and peak RSS from /usr/bin/time -v.
 * Usage: tsx lib/tools/bench/zone/run.ts [records] [runs] [all|import|diff]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { changeZone } from "./change-zone";
import { generateZone } from "./generate-zone";

const target = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 3);
const part = process.argv[4] ?? "all";

interface Run {
  wallS: number;
  rssMb: number;
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Run under /usr/bin/time -v: wall clock and max RSS of the whole process. */
function timed(cmd: string, args: string[]): Run {
  const r = spawnSync("/usr/bin/time", ["-v", cmd, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const err = r.stderr ?? "";
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(err);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
  const wallS = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  return { wallS, rssMb: rss ? Number(rss[1]) / 1024 : NaN, ok: r.status === 0, stdout: r.stdout ?? "", stderr: err };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function which(bin: string): string | null {
  for (const dir of ["/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"]) {
    if (existsSync(join(dir, bin))) return join(dir, bin);
  }
  return null;
}

const dir = mkdtempSync(join(tmpdir(), "cutover-bench-"));
try {
  const t0 = performance.now();
  const zone = generateZone(target);
  const file = join(dir, "bench.zone");
  writeFileSync(file, zone.text, "latin1");
  const mb = zone.text.length / 1e6;
  console.log(
    `zone: ${zone.records} records, ${mb.toFixed(1)} MB, origin ${zone.origin} (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );

  if (part === "all" || part === "import") importRows(file, zone);
  if (part === "all" || part === "diff") diffRows(file, zone);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function importRows(file: string, zone: ReturnType<typeof generateZone>): void {
  const mb = zone.text.length / 1e6;
  const child = fileURLToPath(new URL("./parse-child.ts", import.meta.url));
  const rows: { tool: string; wall: number; parse?: number; rss: number; kept: string }[] = [];

  // Cutover: parseZone alone, then importZone (detection, hashing, parse, counts, report) as users run it.
  for (const [label, mode] of [
    ["cutover parseZone", "parse"],
    ["cutover importZone", "import"],
  ] as const) {
    const cut: Run[] = [];
    const parseMs: number[] = [];
    let kept = "";
    for (let i = 0; i < runs; i++) {
      const r = timed(process.execPath, ["--import", "tsx", child, file, zone.origin, mode]);
      if (!r.ok) throw new Error(`cutover child (${mode}) failed: ${r.stderr.slice(0, 2000)}`);
      const j = JSON.parse(r.stdout.trim().split("\n").pop()!);
      parseMs.push(j.readMs + j.parseMs);
      kept = `${j.records}/${zone.records}${j.errors ? ` (${j.errors} errors: ${JSON.stringify(j.firstErrors).slice(0, 300)})` : ""}`;
      cut.push(r);
    }
    rows.push({
      tool: label,
      wall: median(cut.map((r) => r.wallS)),
      parse: median(parseMs) / 1000,
      rss: median(cut.map((r) => r.rssMb)),
      kept,
    });
  }

  const external: [string, string, string[]][] = [
    ["named-checkzone -i local", "named-checkzone", ["-i", "local", zone.origin, file]],
    ["kzonecheck -d off", "kzonecheck", ["-d", "off", "-o", zone.origin, file]],
  ];
  for (const [label, bin, args] of external) {
    const path = which(bin);
    if (!path) {
      rows.push({ tool: `${label} (not installed)`, wall: NaN, rss: NaN, kept: "-" });
      continue;
    }
    const rs: Run[] = [];
    for (let i = 0; i < runs; i++) rs.push(timed(path, args));
    const loaded = /loaded serial/.test(rs[0].stdout) || rs[0].ok;
    rows.push({
      tool: label,
      wall: median(rs.map((r) => r.wallS)),
      rss: median(rs.map((r) => r.rssMb)),
      kept: loaded ? "ok" : `failed: ${(rs[0].stdout + rs[0].stderr).slice(0, 200)}`,
    });
  }

  const tools = rows.filter((r) => r.parse === undefined);
  const ratioHead = tools.map((t) => `÷ ${t.tool.split(" ")[0]} wall`).join(" | ");
  console.log(
    `\nmedian of ${runs} runs (wall = whole process incl. Node/tsx start-up; parse = read + parseZone/importZone inside the child)\n`,
  );
  console.log(`| tool | wall s | parse s | records/s | MB/s | peak RSS MB | records kept | ${ratioHead} |`);
  console.log(`|---|---:|---:|---:|---:|---:|---|${tools.map(() => "---:").join("|")}|`);
  const fmt = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "-");
  for (const r of rows) {
    const t = r.parse ?? r.wall;
    // Cutover rows: in-process time (read + parse/import) over each tool's wall time; tools: "-".
    const ratios = tools
      .map((tool) => (r.parse !== undefined && Number.isFinite(tool.wall) ? (r.parse / tool.wall).toFixed(2) : "-"))
      .join(" | ");
    console.log(
      `| ${r.tool} | ${fmt(r.wall)} | ${r.parse !== undefined ? r.parse.toFixed(2) : "-"} | ${Number.isFinite(t) ? Math.round(zone.records / t).toLocaleString("en") : "-"} | ${Number.isFinite(t) ? (mb / t).toFixed(1) : "-"} | ${fmt(r.rss, 0)} | ${r.kept} | ${ratios} |`,
    );
  }
  const [parseRow, importRow] = rows;
  if (parseRow.parse !== undefined && importRow.parse !== undefined) {
    console.log(`\nimportZone ÷ parseZone (in-process): ${(importRow.parse / parseRow.parse).toFixed(2)}`);
  }
}

/** `cutover zone diff` against ldns-compare-zones on the same two files (the ≤ 0.5× its time, ≤ its RSS). */
function diffRows(file: string, zone: ReturnType<typeof generateZone>): void {
  const changes = 1000;
  const copy = changeZone(zone.text, changes);
  const other = join(dir, "bench-changed.zone");
  writeFileSync(other, copy.text, "latin1");
  console.log(
    `\n## zone diff: ${zone.records} records vs a copy with ${changes} changes (${JSON.stringify(copy.changed)})\n`,
  );
  const bin = fileURLToPath(new URL("../../../cli/bin.mjs", import.meta.url));
  const ours: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const r = timed(process.execPath, [bin, "zone", "diff", file, other]);
    // exit 1 = "different", as it must be; the summary line must count every change.
    const summary = r.stdout.trim().split("\n").pop() ?? "";
    if (r.ok || !summary.startsWith(`= ${changes} RRset(s) differ`))
      throw new Error(`cutover zone diff: unexpected result: ${summary} ${r.stderr.slice(0, 1000)}`);
    ours.push(r);
  }
  const ldnsPath = which("ldns-compare-zones");
  const theirs: Run[] = [];
  if (ldnsPath) for (let i = 0; i < runs; i++) theirs.push(timed(ldnsPath, [file, other]));
  const fmt = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "-");
  const row = (tool: string, rs: Run[], note: string) => ({
    tool,
    wall: rs.length ? median(rs.map((r) => r.wallS)) : NaN,
    rss: rs.length ? median(rs.map((r) => r.rssMb)) : NaN,
    note,
  });
  const c = row("cutover zone diff", ours, ours[0].stdout.trim().split("\n").pop() ?? "");
  const l = row(
    ldnsPath ? "ldns-compare-zones" : "ldns-compare-zones (not installed)",
    theirs,
    theirs[0]?.stdout.trim().split("\n").pop()?.trim() ?? "-",
  );
  console.log(`median of ${runs} runs, whole process (Node and tsx start-up included)\n`);
  console.log("| tool | wall s | peak RSS MB | result |");
  console.log("|---|---:|---:|---|");
  for (const r of [c, l]) console.log(`| ${r.tool} | ${fmt(r.wall)} | ${fmt(r.rss, 0)} | ${r.note} |`);
  console.log(
    `\ncutover ÷ ldns-compare-zones: time ${fmt(c.wall / l.wall)} (target ≤ 0.50), peak RSS ${fmt(c.rss / l.rss)} (target ≤ 1.00)`,
  );
}
