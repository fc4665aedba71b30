/**
 * Runs executed by the job queue (lib/app/jobs): which job attempt holds a
 * run. A claim is taken by the attempt that pg-boss hands out; a later
 * attempt (pg-boss retried the job because its worker stopped beating) takes
 * the run over, an earlier or equal one never does. Beats and the final
 * write check the claim's token, so a worker that lost its claim stops
 * without writing.
 */
import type { Db } from "./client";
import { getDb } from "./client";
import type { RunRow } from "./runs";

export async function recordRunJob(runId: string, jobId: string | null, db: Db = getDb()): Promise<void> {
  await db.runJob.upsert({ where: { runId }, create: { runId, jobId }, update: { jobId } });
}

export async function isQueuedRun(runId: string, db: Db = getDb()): Promise<boolean> {
  return (await db.runJob.count({ where: { runId } })) > 0;
}

export type ClaimResult =
  { claimed: true; takeover: boolean } | { claimed: false; reason: "final" | "held" | "missing" | "cancelled" };

/**
 * Claim run `runId` for job attempt `attempt` with `token`. A queued run is
 * claimed and set running; a running run only by a later attempt (the one
 * before it stopped). A run asked to cancel before it started ends cancelled.
 */
export async function claimRun(
  opts: { runId: string; attempt: number; token: string; workerId: string; at: Date },
  db: Db = getDb(),
): Promise<ClaimResult> {
  const { runId, attempt, token, workerId, at } = opts;
  return db.$transaction(
    async (tx) => {
      const run = await tx.run.findUnique({ where: { id: runId }, select: { status: true, cancelRequestedAt: true } });
      if (!run) return { claimed: false, reason: "missing" } as const;
      if (run.status !== "queued" && run.status !== "running") return { claimed: false, reason: "final" } as const;
      // Only a later attempt may take the run: conditional on the attempt stored (concurrent claims serialise on the row).
      const c = await tx.runJob.updateMany({
        where: { runId, attempt: { lt: attempt } },
        data: { attempt, token, workerId, claimedAt: at },
      });
      if (c.count === 0) {
        const exists = await tx.runJob.count({ where: { runId } });
        if (exists === 0) await tx.runJob.create({ data: { runId, attempt, token, workerId, claimedAt: at } });
        else return { claimed: false, reason: "held" } as const;
      }
      if (run.cancelRequestedAt) {
        await tx.run.update({
          where: { id: runId },
          data: { status: "cancelled", phase: "cancelled", finishedAt: at, error: "cancelled by the user" },
        });
        return { claimed: false, reason: "cancelled" } as const;
      }
      const takeover = run.status === "running";
      // A takeover starts over: the counters of the attempt that stopped mean nothing now.
      const set = await tx.run.updateMany({
        where: { id: runId, status: { in: ["queued", "running"] } },
        data: {
          status: "running",
          heartbeatAt: at,
          startedAt: at,
          phase: "import",
          planned: 0,
          sent: 0,
          answered: 0,
          failed: 0,
          error: null,
        },
      });
      // Failed or cancelled meanwhile (a sweep, a cancel): the claim stands, the run stays as it is.
      if (set.count === 0) return { claimed: false, reason: "final" } as const;
      return { claimed: true, takeover } as const;
    },
    { timeout: 10_000, maxWait: 10_000 },
  );
}

/** Whether `token` still holds the run (a later attempt took it over otherwise). */
export async function holdsRun(runId: string, token: string, db: Db = getDb()): Promise<boolean> {
  return (await db.runJob.count({ where: { runId, token } })) > 0;
}

/**
 * Cancel a run still waiting in the queue at once (no worker has it yet):
 * false when it is not a queued job run.
 */
export async function cancelQueuedRun(transferId: string, runId: string, at: Date, db: Db = getDb()): Promise<boolean> {
  const r = await db.run.updateMany({
    where: { id: runId, transferId, status: "queued", job: { isNot: null } },
    data: { status: "cancelled", phase: "cancelled", finishedAt: at, error: "cancelled by the user" },
  });
  return r.count > 0;
}

/** Fail run `runId` if it is not final yet (its job ended without finishing it). */
export async function failUnfinishedRun(runId: string, error: string, at: Date, db: Db = getDb()): Promise<boolean> {
  const r = await db.run.updateMany({
    where: { id: runId, status: { in: ["queued", "running"] } },
    data: { status: "failed", phase: "failed", error, finishedAt: at },
  });
  return r.count > 0;
}

export type { RunRow };
