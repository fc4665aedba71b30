/**
 * Seeds a transfer with a finished 100,000-name run through lib/ (DESIGN §11),
 * run with tsx by e2e/large-run.spec.ts: `tsx e2e/support/seed-large-run.ts <json>`.
 * Prints one JSON line {id, runId}.
 */
import { getDb } from "../../lib/db/client";
import { seedLargeRun } from "../../lib/app/runs/testing/seed-large-run";
import { seedTransfer } from "../../lib/app/testing/seed";

const opts = JSON.parse(process.argv[2] ?? "{}") as { domain: string; names: number; blockers: number; warnings: number };

async function main(): Promise<unknown> {
  const id = await seedTransfer({ domain: opts.domain });
  const runId = await seedLargeRun({ transferId: id, zone: opts.domain, names: opts.names, blockers: opts.blockers, warnings: opts.warnings });
  return { id, runId };
}

main()
  .then(async (out) => {
    process.stdout.write(JSON.stringify(out) + "\n");
    await getDb().$disconnect();
  })
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
