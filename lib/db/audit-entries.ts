/** The audit log's storage (lib/audit/chain.ts AuditStore): seq is unique per transfer, a taken seq fails with code "seq-taken". */
import type { AuditEntry, AuditStore } from "../audit/chain";
import { auditAppended } from "../audit/listeners";
import type { Db } from "./client";
import { getDb } from "./client";
import { isUniqueViolation } from "./unique-violation";

function toEntry(r: { seq: number; prevHash: string; hash: string; eventJson: string }): AuditEntry {
  return { seq: r.seq, prevHash: r.prevHash, hash: r.hash, event: JSON.parse(r.eventJson) as AuditEntry["event"] };
}

export function auditStore(db: Db = getDb()): AuditStore {
  return {
    async last(transferId) {
      const r = await db.auditEntry.findFirst({ where: { transferId }, orderBy: { seq: "desc" } });
      return r === null ? null : toEntry(r);
    },
    async append(transferId, entry) {
      try {
        await db.auditEntry.create({
          data: {
            transferId,
            seq: entry.seq,
            prevHash: entry.prevHash,
            hash: entry.hash,
            eventJson: JSON.stringify(entry.event),
          },
        });
        auditAppended(entry.event);
      } catch (e) {
        if (isUniqueViolation(e))
          throw Object.assign(new Error(`audit seq ${entry.seq} already taken`), { code: "seq-taken" });
        throw e;
      }
    },
  };
}

/** Entries as stored (unparsed events, so verifyChain sees exactly what is there). Oldest first. */
export async function listAuditEntries(transferId: string, db: Db = getDb()): Promise<AuditEntry[]> {
  const rows = await db.auditEntry.findMany({ where: { transferId }, orderBy: { seq: "asc" } });
  return rows.map(toEntry);
}
