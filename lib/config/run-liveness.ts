/**
 * How often a running check proves it is alive, and when a silent one counts as lost (lib/app/runs/run-heartbeat.ts).
 */
import { readEnvironment, type Environment } from "./environment";

/** CUTOVER_RUN_HEARTBEAT_MS: beat (and cancel-poll) interval; a cancel from another instance lands within this. */
export function runHeartbeatMs(env: Environment = readEnvironment()): number {
  return Number(env.CUTOVER_RUN_HEARTBEAT_MS) || 2_000;
}

/** CUTOVER_RUN_STALE_MS: many missed beats before a run counts as orphaned (a busy instance must not lose its run). */
export function runStaleMs(env: Environment = readEnvironment()): number {
  return Number(env.CUTOVER_RUN_STALE_MS) || 30_000;
}
