/** Sign-off links: looked up by token hash only; the token itself is never stored (DESIGN §8). */
import { z } from "zod";
import { partyRoleSchema, type PartyRole } from "../schedule/parties";
import type { Db } from "./client";
import { getDb } from "./client";

export const signoffLinkSchema = z.object({
  /** Public id for listing and revoking (never the token). */
  id: z.string().min(1),
  transferId: z.string().min(1),
  role: partyRoleSchema,
  /** Lowercase hex SHA-256 of the token. */
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});
export type SignoffLink = z.infer<typeof signoffLinkSchema>;

/** Storage the DB layer implements; lookups go by hash only. */
export interface SignoffLinkStore {
  insert(link: SignoffLink): Promise<void>;
  findByHash(tokenHash: string): Promise<SignoffLink | null>;
  /** Marks a link revoked; false when there is no such link for that transfer. */
  revoke(options: { transferId: string; id: string; at: Date }): Promise<boolean>;
}

interface LinkRecord {
  id: string;
  transferId: string;
  role: string;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

function toLink(r: LinkRecord): SignoffLink {
  return {
    ...r,
    role: r.role as PartyRole,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}

/** The lib/checklist SignoffLinkStore over the database. */
export function signoffLinkStore(db: Db = getDb()): SignoffLinkStore {
  return {
    async insert(link) {
      await db.signoffLink.create({
        data: {
          ...link,
          createdAt: new Date(link.createdAt),
          expiresAt: new Date(link.expiresAt),
          revokedAt: link.revokedAt === null ? null : new Date(link.revokedAt),
        },
      });
    },
    async findByHash(tokenHash) {
      const r = await db.signoffLink.findUnique({ where: { tokenHash } });
      return r === null ? null : toLink(r);
    },
    async revoke({ transferId, id, at }) {
      // Only an unrevoked link changes: the first revocation time stays.
      const r = await db.signoffLink.updateMany({
        where: { id, transferId, revokedAt: null },
        data: { revokedAt: at },
      });
      if (r.count > 0) return true;
      return (await db.signoffLink.count({ where: { id, transferId } })) > 0;
    },
  };
}

/** Newest first; token hashes stay inside lib/db. */
export async function listSignoffLinks(
  transferId: string,
  db: Db = getDb(),
): Promise<Omit<SignoffLink, "tokenHash">[]> {
  const rows = await db.signoffLink.findMany({ where: { transferId }, orderBy: { createdAt: "desc" } });
  return rows.map((r) => {
    const { tokenHash: _omit, ...rest } = toLink(r);
    void _omit;
    return rest;
  });
}

export async function getSignoffLink(transferId: string, id: string, db: Db = getDb()): Promise<SignoffLink | null> {
  const r = await db.signoffLink.findFirst({ where: { id, transferId } });
  return r === null ? null : toLink(r);
}
