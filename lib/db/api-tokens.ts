/** Organisation API tokens: looked up by token hash only; the token itself is never stored (DESIGN §8). */
import type { Db } from "./client";
import { getDb } from "./client";

export interface ApiTokenRow {
  id: string;
  organisationId: string;
  name: string;
  scope: "read" | "write";
  tokenHash: string;
  createdByUserId: string;
  createdByEmail: string;
  createdByName: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export type ApiTokenSummary = Omit<ApiTokenRow, "tokenHash">;

export async function insertApiToken(row: ApiTokenRow, db: Db = getDb()): Promise<void> {
  await db.apiToken.create({ data: row });
}

export async function findApiTokenByHash(tokenHash: string, db: Db = getDb()): Promise<ApiTokenRow | null> {
  return (await db.apiToken.findUnique({ where: { tokenHash } })) as ApiTokenRow | null;
}

/** Newest first, without hashes. */
export async function listApiTokens(organisationId: string, db: Db = getDb()): Promise<ApiTokenSummary[]> {
  return (await db.apiToken.findMany({
    where: { organisationId },
    orderBy: { createdAt: "desc" },
    omit: { tokenHash: true },
  })) as ApiTokenSummary[];
}

/**
 * Revokes an unrevoked token of the organisation (the first revocation time stays). "revoked" when this call
 * revoked it, "already" when it was revoked before, null when the organisation has no such token.
 */
export async function revokeApiToken(
  options: { organisationId: string; id: string; at: Date },
  db: Db = getDb(),
): Promise<{ result: "revoked" | "already"; name: string } | null> {
  const r = await db.apiToken.updateMany({
    where: { id: options.id, organisationId: options.organisationId, revokedAt: null },
    data: { revokedAt: options.at },
  });
  const row = await db.apiToken.findFirst({
    where: { id: options.id, organisationId: options.organisationId },
    select: { name: true },
  });
  if (!row) return null;
  return { result: r.count > 0 ? "revoked" : "already", name: row.name };
}

/** Marks use, at most once per `resolutionMs` per token, so every API call does not write a row. */
export async function touchApiToken(id: string, at: Date, resolutionMs: number, db: Db = getDb()): Promise<void> {
  await db.apiToken.updateMany({
    where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(at.getTime() - resolutionMs) } }] },
    data: { lastUsedAt: at },
  });
}
