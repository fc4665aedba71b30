/**
 * Side by side: Zonemaster (Debian zonemaster-cli) in undelegated
 * mode against the lab's incomplete-export scenario, next to Cutover's
 * verdict. Zonemaster only speaks to port 53, so the lab runs there (root).
 *   npx tsx lib/tools/zonemaster/compare.ts [SCENARIO]
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startLab } from "../../lab/lab";
import { scenario } from "../../lab/scenarios";
import { parseRootHints } from "../../dns/root-hints";
import { runPipeline } from "../../checks/pipeline";

async function main(): Promise<void> {
  const name = process.argv[2] ?? "incomplete-export";
  const lab = await startLab({ scenario: name, port: 53 });
  try {
    const hints = join(lab.dir, "root.hints");
    writeFileSync(hints, lab.rootHints);
    const zm = spawnSync(
      "zonemaster-cli",
      [
        "project.test",
        "--hints",
        hints,
        "--ns",
        "ns1.newhost.test/127.0.0.5",
        "--no-ipv6",
        "--count",
        "--level",
        "NOTICE",
        "--show-level",
        "--show-testcase",
        "--no-progress",
      ],
      { encoding: "utf8", timeout: 600_000 },
    );
    process.stdout.write(
      `== zonemaster-cli (undelegated, new operator ns1.newhost.test/127.0.0.5), exit ${zm.status}\n${zm.stdout}${zm.stderr ? `stderr: ${zm.stderr.slice(0, 2000)}\n` : ""}`,
    );

    const h = parseRootHints(lab.rootHints);
    if (!h.ok) throw new Error(h.message);
    const sources = scenario(name).sources.map((p) => ({
      name: p.split("/").pop()!,
      bytes: readFileSync(join(import.meta.dirname, "../../lab", p)),
    }));
    const r = await runPipeline({
      zone: "project.test",
      facts: { domain: "project.test", dnsHostingMoves: true },
      sources,
      newServers: [{ name: "ns1.newhost.test", address: "127.0.0.5" }],
      snapshot: { rootHints: h.servers, allowPrivate: true, port: 53 },
    });
    process.stdout.write(
      `\n== cutover: ${r.verdict.verdict.toUpperCase()} — ${r.verdict.counts.blocker} blockers, ${r.verdict.counts.warning} warnings\n`,
    );
    for (const f of r.verdict.openBlockers) process.stdout.write(`  ${f.id}  ${f.subject}\n`);
  } finally {
    await lab.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`compare-zonemaster: ${(e as Error).message}\n`);
  process.exit(2);
});
