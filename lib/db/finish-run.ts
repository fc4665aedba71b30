/**
 * A run's final write in one transaction: its
 * findings, the transfer's carried finding states and the run's result
 * fields land together or not at all, so a process killed mid-write leaves
 * the run as it was (running, then failed by the heartbeat sweep), never
 * "done" with half its findings.
 */
import type { Db } from "./client";
import { getDb } from "./client";
import type { FindingStateRow } from "./finding-states";
import type { FindingRow } from "./findings";
import type { RunUpdate } from "./runs";

export interface FinishRunData {
  runId: string;
  transferId: string;
  findings: readonly FindingRow[];
  states: readonly FindingStateRow[];
  update: RunUpdate;
  /** Only write while this job claim still holds the run (lib/db/run-jobs.ts); else nothing is written. */
  claimToken?: string;
}

/** The claim was taken over by a later attempt of the run's job. */
export class RunClaimLost extends Error {
  constructor(runId: string) {
    super(`run ${runId} is held by a later attempt`);
  }
}

export async function finishRun(data: FinishRunData, db: Db = getDb()): Promise<void> {
  const { runId, transferId } = data;
  await db.$transaction(
    async (tx) => {
      if (data.claimToken && (await tx.runJob.count({ where: { runId, token: data.claimToken } })) === 0)
        throw new RunClaimLost(runId);
      await tx.finding.deleteMany({ where: { runId } });
      if (data.findings.length > 0)
        await tx.finding.createMany({ data: data.findings.map((f, position) => ({ ...f, runId, position })) });
      for (const s of data.states) {
        await tx.findingState.upsert({
          where: { transferId_key: { transferId, key: s.key } },
          create: { transferId, ...s },
          update: { status: s.status, by: s.by, reason: s.reason, at: s.at, fingerprint: s.fingerprint ?? null },
        });
      }
      await tx.run.update({ where: { id: runId }, data: data.update });
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
