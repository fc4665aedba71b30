/**
 * Settings of the live-check job queue (PostgreSQL only; README "Live checks
 * on several machines"). Read from the environment at call time.
 */
import { z } from "zod";
import { readEnvironment, type Environment } from "./environment";

const int = (def: number, min: number) => z.coerce.number().int().min(min).default(def);

export const queueEnvSchema = z.object({
  /** inline: this web process also works the queue; off: it only enqueues (dedicated `cutover worker`s do the work). */
  CUTOVER_WORKER: z.enum(["inline", "off"]).default("inline"),
  /** Runs one process executes at once. */
  CUTOVER_WORKER_CONCURRENCY: int(2, 1),
  /** pg-boss heartbeat of an active job: a worker silent this long has its job retried (pg-boss needs ≥ 10). */
  CUTOVER_QUEUE_HEARTBEAT_SECONDS: int(10, 10),
  /** How often some process checks for jobs whose worker stopped beating. */
  CUTOVER_QUEUE_MONITOR_SECONDS: int(10, 1),
  /** Attempts after the first when a worker dies mid-run; after the last the run is failed. */
  CUTOVER_QUEUE_RETRY_LIMIT: int(2, 0),
  /** The longest a run may hold a job (runs have their own deadlines well within it). */
  CUTOVER_QUEUE_EXPIRE_SECONDS: int(3600, 60),
  /** A running queue run with no heartbeat for this long and no worker taking it over is failed. */
  CUTOVER_QUEUE_RUN_STALE_MS: int(120_000, 1_000),
});

export type QueueConfig = z.infer<typeof queueEnvSchema>;

export function queueConfig(env: Environment = readEnvironment()): QueueConfig {
  const picked = Object.fromEntries(
    Object.keys(queueEnvSchema.shape).map((k) => [
      k,
      env[k as keyof Environment] === "" ? undefined : env[k as keyof Environment],
    ]),
  );
  const r = queueEnvSchema.safeParse(picked);
  if (!r.success)
    throw new Error(
      `job queue settings: ${r.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; ")}`,
    );
  return r.data;
}
