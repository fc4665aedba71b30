/**
 * Writing audit events. Appends for one transfer run inside a transaction so
 * that the read of the head and the insert happen together; the unique seq
 * index still guards against a fork (lib/audit/chain.ts retries on "seq-taken").
 */
import { appendAuditEvent, verifyChain, type AuditEntry, type ChainResult } from "../audit/chain";
import type { AuditActor, AuditEvent } from "../audit/events";
import { auditStore, listAuditEntries } from "../db/audit-entries";
import { getDb, type Db } from "../db/client";

/**
 * The actor of a lib call made without one (the CLI, tests, background work):
 * the system. The app always passes the signed-in staff member (lib/secured).
 */
export const SYSTEM_ACTOR = { kind: "system" } as const satisfies AuditActor;

export async function recordAudit(event: AuditEvent, db: Db = getDb()): Promise<AuditEntry> {
  return appendAuditEvent(auditStore(db), event, 50);
}

export async function verifyAuditLog(transferId: string, db: Db = getDb()): Promise<ChainResult & { entries: AuditEntry[] }> {
  const entries = await listAuditEntries(transferId, db);
  return { ...verifyChain(entries), entries };
}
