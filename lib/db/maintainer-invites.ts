/** Maintainer invites: looked up by token hash only; the token itself is never stored (DESIGN §8). */
import type { Db } from "./client";
import { getDb } from "./client";

export interface MaintainerInviteRow {
  id: string;
  transferId: string;
  label: string;
  tokenHash: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export async function insertMaintainerInvite(row: MaintainerInviteRow, db: Db = getDb()): Promise<void> {
  await db.maintainerInvite.create({ data: row });
}

export async function findMaintainerInviteByHash(
  tokenHash: string,
  db: Db = getDb(),
): Promise<MaintainerInviteRow | null> {
  return db.maintainerInvite.findUnique({ where: { tokenHash } });
}

/** Only an unrevoked invite changes (the first revocation time stays); false when the transfer has no such invite. */
export async function revokeMaintainerInvite(
  options: { transferId: string; id: string; at: Date },
  db: Db = getDb(),
): Promise<boolean> {
  const r = await db.maintainerInvite.updateMany({
    where: { id: options.id, transferId: options.transferId, revokedAt: null },
    data: { revokedAt: options.at },
  });
  if (r.count > 0) return true;
  return (await db.maintainerInvite.count({ where: { id: options.id, transferId: options.transferId } })) > 0;
}

/** Newest first, without hashes. */
export async function listMaintainerInvites(
  transferId: string,
  db: Db = getDb(),
): Promise<Omit<MaintainerInviteRow, "tokenHash">[]> {
  return db.maintainerInvite.findMany({
    where: { transferId },
    orderBy: { createdAt: "desc" },
    omit: { tokenHash: true },
  });
}
