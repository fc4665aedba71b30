/**
 * A run's final write in one transaction (issue 6 §3 robustness): its
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
}

export async function finishRun(data: FinishRunData, db: Db = getDb()): Promise<void> {
  const { runId, transferId } = data;
  await db.$transaction(
    async (tx) => {
      await tx.finding.deleteMany({ where: { runId } });
      if (data.findings.length > 0) await tx.finding.createMany({ data: data.findings.map((f, position) => ({ ...f, runId, position })) });
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
