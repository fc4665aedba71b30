/**
 * `cutover worker [--concurrency N]`: work the live-check queue of the
 * PostgreSQL database in DATABASE_URL until SIGTERM/SIGINT (then the runs in
 * hand finish, up to a grace period). Any number of workers on any machines
 * may share one database; the per-server query rate holds for all of them
 * together (lib/db/rate-slices.ts). Workers also take the notification sweep's
 * job, scheduled every minute (window reminders, due webhook retries:
 * lib/app/notifications/sweep.ts).
 */
import { parseArgs } from "node:util";
import { EXIT, type CliIo } from "./io";

const HELP = `usage: cutover worker [--concurrency N]
  Execute queued live checks from the PostgreSQL database in DATABASE_URL, and send due window reminders and
  webhook retries (the notification sweep, every minute).
  --concurrency N  runs at once in this process (default: CUTOVER_WORKER_CONCURRENCY, 2)
  Stops on SIGTERM or SIGINT after the runs in hand finish (at most 30 s; the rest are retried by other workers).
`;

export async function main(argv: string[], io: CliIo, signals: NodeJS.EventEmitter = process): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: { concurrency: { type: "string" }, help: { type: "boolean" } },
    });
  } catch (e) {
    io.stderr.write(`cutover worker: ${(e as Error).message}\n${HELP}`);
    return EXIT.USAGE;
  }
  if (parsed.values.help) {
    io.stdout.write(HELP);
    return EXIT.OK;
  }
  const c = parsed.values.concurrency;
  const concurrency = c === undefined ? undefined : Number(c);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 256)) {
    io.stderr.write(`cutover worker: --concurrency must be a whole number from 1 to 256\n`);
    return EXIT.USAGE;
  }
  const { databaseUrl } = await import("../db/url");
  const { dialectOf } = await import("../db/dialect");
  const url = databaseUrl();
  if (dialectOf(url) !== "postgres") {
    io.stderr.write(
      "cutover worker: the job queue needs PostgreSQL (DATABASE_URL=postgres://…); on SQLite live checks run inside the app (npm start)\n",
    );
    return EXIT.USAGE;
  }
  const { migrate } = await import("../db/migrate");
  const { startRunWorker } = await import("../app/jobs/run-worker");
  const { closeQueues } = await import("../app/jobs/boss");
  const { startRunSweeper } = await import("../app/runs/recover-runs");
  await migrate({ url });
  // One line per job: which run, which attempt, how it ended (or why this worker left it alone).
  const worker = await startRunWorker({
    url,
    ...(concurrency ? { concurrency } : {}),
    onOutcome: (o) =>
      io.stdout.write(
        `run ${o.runId} attempt ${o.attempt}: ${o.claim.claimed ? o.status : `skipped (${o.claim.reason})`}\n`,
      ),
  });
  // Workers sweep too: a run orphaned while no web instance runs is still failed visibly.
  await startRunSweeper().catch(() => undefined);
  io.stdout.write(
    `cutover worker ${worker.workerId}: working the live-check queue${concurrency ? ` (${concurrency} at once)` : ""}\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    signals.once("SIGTERM", stop);
    signals.once("SIGINT", stop);
  });
  io.stdout.write(`cutover worker ${worker.workerId}: stopping\n`);
  await worker.stop({ graceful: true });
  await closeQueues({ graceful: true, timeoutMs: 30_000 });
  const { getDb } = await import("../db/client");
  await getDb().$disconnect();
  return EXIT.OK;
}
