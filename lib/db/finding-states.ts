/** Finding states per transfer, carried across runs (lib/checks verdict.ts). */
import type { Db } from "./client";
import { getDb } from "./client";

export interface FindingStateRow {
  key: string;
  status: string;
  by: string | null;
  reason: string | null;
  at: Date | null;
  /** What a waiver/acknowledgement was given for (lib/checks findingFingerprint); null for other states and older rows. */
  fingerprint?: string | null;
}

export async function listFindingStates(transferId: string, db: Db = getDb()): Promise<FindingStateRow[]> {
  return db.findingState.findMany({ where: { transferId }, orderBy: { key: "asc" }, select: { key: true, status: true, by: true, reason: true, at: true, fingerprint: true } });
}

/** Write several states at once (a run's carried states, or one waiver). */
export async function saveFindingStates(transferId: string, states: readonly FindingStateRow[], db: Db = getDb()): Promise<void> {
  await db.$transaction(
    states.map((s) =>
      db.findingState.upsert({
        where: { transferId_key: { transferId, key: s.key } },
        create: { transferId, ...s },
        update: { status: s.status, by: s.by, reason: s.reason, at: s.at, fingerprint: s.fingerprint ?? null },
      }),
    ),
  );
}
