/**
 * Runs of the live check (issue 4): creation, progress, result, history.
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
}

export interface RunDetailRow extends RunRow {
  snapshotJson: string | null;
  diffJson: string | null;
}

const summary = {
  id: true, transferId: true, status: true, createdAt: true, startedAt: true, finishedAt: true,
  oldServersJson: true, newServersJson: true, optionsJson: true, phase: true,
  planned: true, sent: true, answered: true, failed: true, verdict: true, blockers: true, warnings: true, infos: true, error: true,
} as const;

export interface CreateRunData {
  transferId: string;
  oldServersJson: string;
  newServersJson: string;
  optionsJson: string;
}

export async function createRun(data: CreateRunData, db: Db = getDb()): Promise<RunRow> {
  return (await db.run.create({ data: { ...data, status: "queued" }, select: summary })) as RunRow;
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
  return (await db.run.findMany({ where: { transferId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: summary })) as RunRow[];
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
}

export async function updateRun(id: string, data: RunUpdate, db: Db = getDb()): Promise<void> {
  await db.run.update({ where: { id }, data });
}

/**
 * Crash recovery: runs execute inside the server process, so a run still
 * queued/running when a process starts can never finish. Returns how many.
 */
export async function failInterruptedRuns(keep: readonly string[], db: Db = getDb()): Promise<number> {
  const r = await db.run.updateMany({
    where: { status: { in: ["queued", "running"] }, id: { notIn: [...keep] } },
    data: { status: "failed", error: "interrupted: the server stopped while the run was in progress", finishedAt: new Date() },
  });
  return r.count;
}
