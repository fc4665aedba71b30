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
  /** The deciding account; null on other states and rows from before accounts were bound. */
  byUserId?: string | null;
  byEmail?: string | null;
  /** Typed, self-declared. */
  onBehalfOf?: string | null;
}

const SELECT = {
  key: true,
  status: true,
  by: true,
  reason: true,
  at: true,
  fingerprint: true,
  byUserId: true,
  byEmail: true,
  onBehalfOf: true,
} as const;

export async function listFindingStates(transferId: string, db: Db = getDb()): Promise<FindingStateRow[]> {
  return db.findingState.findMany({ where: { transferId }, orderBy: { key: "asc" }, select: SELECT });
}

/** The stored states of some keys (read inside a decision's transaction). */
export async function findFindingStates(
  transferId: string,
  keys: readonly string[],
  db: Db = getDb(),
): Promise<FindingStateRow[]> {
  return db.findingState.findMany({
    where: { transferId, key: { in: [...keys] } },
    orderBy: { key: "asc" },
    select: SELECT,
  });
}

function rowData(s: FindingStateRow) {
  return {
    status: s.status,
    by: s.by,
    reason: s.reason,
    at: s.at,
    fingerprint: s.fingerprint ?? null,
    byUserId: s.byUserId ?? null,
    byEmail: s.byEmail ?? null,
    onBehalfOf: s.onBehalfOf ?? null,
  };
}

/** Upsert states with a client that may be a transaction's (no nested transaction). */
export async function writeFindingStates(
  transferId: string,
  states: readonly FindingStateRow[],
  db: Db,
): Promise<void> {
  for (const s of states)
    await db.findingState.upsert({
      where: { transferId_key: { transferId, key: s.key } },
      create: { transferId, key: s.key, ...rowData(s) },
      update: rowData(s),
    });
}

/** Write several states at once (a run's carried states, or one waiver). */
export async function saveFindingStates(
  transferId: string,
  states: readonly FindingStateRow[],
  db: Db = getDb(),
): Promise<void> {
  await db.$transaction(
    states.map((s) =>
      db.findingState.upsert({
        where: { transferId_key: { transferId, key: s.key } },
        create: { transferId, key: s.key, ...rowData(s) },
        update: rowData(s),
      }),
    ),
  );
}
