/**
 * Seeds a transfer with a finished 100,000-name run through lib/ (the code paths the app uses),
 * run with tsx by e2e/large-run.spec.ts: `tsx e2e/support/seed-large-run.ts <json>`.
 * Prints one JSON line {id, runId}.
 */
import { seedLargeRun } from "../../lib/app/runs/testing/seed-large-run";
import { seedTransfer } from "../../lib/app/testing/seed";
import { runSeed } from "./seed-script";

const opts = JSON.parse(process.argv[2] ?? "{}") as {
  domain: string;
  names: number;
  blockers: number;
  warnings: number;
};

async function main(): Promise<unknown> {
  const id = await seedTransfer({ domain: opts.domain });
  const runId = await seedLargeRun({
    transferId: id,
    zone: opts.domain,
    names: opts.names,
    blockers: opts.blockers,
    warnings: opts.warnings,
  });
  return { id, runId };
}

runSeed(main);
