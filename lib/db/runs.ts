/**
 * Runs of the live check: creation, progress, result, history.
 * Plain row shapes out, never Prisma types (DESIGN §2).
 */
import type { Db } from "./client";
import { getDb } from "./client";

export type RunStatus = "queued" | "running" | "done" | "failed" | "cancelled";

export interface RunRow {
  id: string;
  transferId: string;
  status: RunStatus;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  oldServersJson: string;
  newServersJson: string;
  optionsJson: string;
  phase: string | null;
  planned: number;
  sent: number;
  answered: number;
  failed: number;
  verdict: string | null;
  blockers: number;
  warnings: number;
  infos: number;
  error: string | null;
  heartbeatAt: Date | null;
  cancelRequestedAt: Date | null;
}

export interface RunDetailRow extends RunRow {
  snapshotJson: string | null;
  diffJson: string | null;
  /** lib/checks Timing as JSON (parseStoredTiming); null for runs not done or stored before it existed. */
  timingJson: string | null;
}

const summary = {
  id: true,
  transferId: true,
  status: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  oldServersJson: true,
  newServersJson: true,
  optionsJson: true,
  phase: true,
  planned: true,
  sent: true,
  answered: true,
  failed: true,
  verdict: true,
  blockers: true,
  warnings: true,
  infos: true,
  error: true,
  heartbeatAt: true,
  cancelRequestedAt: true,
} as const;

export interface CreateRunData {
  transferId: string;
  oldServersJson: string;
  newServersJson: string;
  optionsJson: string;
}

export async function createRun(data: CreateRunData, db: Db = getDb()): Promise<RunRow> {
  // The creating instance executes it at once: its first heartbeat is now.
  return (await db.run.create({
    data: { ...data, status: "queued", heartbeatAt: new Date() },
    select: summary,
  })) as RunRow;
}

export async function getRun(id: string, db: Db = getDb()): Promise<RunDetailRow | null> {
  return (await db.run.findUnique({ where: { id } })) as RunDetailRow | null;
}

/** Status and counters only (the progress stream polls this). */
export async function getRunProgress(id: string, db: Db = getDb()): Promise<RunRow | null> {
  return (await db.run.findUnique({ where: { id }, select: summary })) as RunRow | null;
}

/** Newest first. */
export async function listRuns(transferId: string, db: Db = getDb()): Promise<RunRow[]> {
  return (await db.run.findMany({
    where: { transferId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: summary,
  })) as RunRow[];
}

export interface RunUpdate {
  status?: RunStatus;
  startedAt?: Date;
  finishedAt?: Date;
  phase?: string;
  planned?: number;
  sent?: number;
  answered?: number;
  failed?: number;
  snapshotJson?: string;
  diffJson?: string;
  verdict?: string;
  blockers?: number;
  warnings?: number;
  infos?: number;
  error?: string;
  timingJson?: string;
  heartbeatAt?: Date;
}

export async function updateRun(id: string, data: RunUpdate, db: Db = getDb()): Promise<void> {
  await db.run.update({ where: { id }, data });
}

/**
 * Heartbeat of a run executing in this instance: refreshes
 * heartbeatAt and reports whether any instance asked to cancel it. null when
 * the run is gone or no longer queued/running (e.g. a sweep failed it).
 */
export async function beatRun(id: string, at: Date, db: Db = getDb()): Promise<{ cancelRequested: boolean } | null> {
  const r = await db.run.updateMany({
    where: { id, status: { in: ["queued", "running"] } },
    data: { heartbeatAt: at },
  });
  if (r.count === 0) return null;
  const row = await db.run.findUnique({ where: { id }, select: { cancelRequestedAt: true } });
  return { cancelRequested: row?.cancelRequestedAt != null };
}

/**
 * Ask for a run to stop from any instance: the executing instance sees the
 * flag at its next heartbeat. false when the run is not queued/running (or
 * not this transfer's).
 */
export async function requestRunCancel(transferId: string, id: string, at: Date, db: Db = getDb()): Promise<boolean> {
  const r = await db.run.updateMany({
    where: { id, transferId, status: { in: ["queued", "running"] } },
    data: { cancelRequestedAt: at },
  });
  return r.count > 0;
}

/**
 * Crash recovery with several instances: a queued/running run whose heartbeat
 * (or, before its first beat, its creation) is older than `staleBefore` lost
 * its instance; mark it failed. Runs executing in this instance are kept
 * whatever their heartbeat. Idempotent; any instance may sweep. Returns how many.
 */
export async function failStaleRuns(
  staleBefore: Date,
  keep: readonly string[],
  at: Date,
  db: Db = getDb(),
  queueStaleBefore?: Date,
): Promise<number> {
  const r = await db.run.updateMany({
    where: {
      status: { in: ["queued", "running"] },
      id: { notIn: [...keep] },
      // Runs of the job queue wait for a worker while queued; while running, the queue retries them first (lib/app/jobs).
      job: { is: null },
      OR: [{ heartbeatAt: { lt: staleBefore } }, { heartbeatAt: null, createdAt: { lt: staleBefore } }],
    },
    data: {
      status: "failed",
      phase: "failed",
      error: "interrupted: the instance executing the run stopped (no heartbeat)",
      finishedAt: at,
    },
  });
  if (!queueStaleBefore) return r.count;
  // A queue run whose worker stopped and that no other worker took over in time.
  const q = await db.run.updateMany({
    where: { status: "running", id: { notIn: [...keep] }, job: { isNot: null }, heartbeatAt: { lt: queueStaleBefore } },
    data: {
      status: "failed",
      phase: "failed",
      error: "interrupted: the worker executing the run stopped and no worker took it over (no heartbeat)",
      finishedAt: at,
    },
  });
  return r.count + q.count;
}
