/**
 * Writing audit events. Appends for one transfer run inside a transaction so
 * that the read of the head and the insert happen together; the unique seq
 * index still guards against a fork (lib/audit/chain.ts retries on "seq-taken").
 */
import { appendAuditEvent, nextEntry, verifyChain, type AuditEntry, type ChainResult } from "./chain";
import type { AuditActor, AuditEvent } from "./events";
import { auditStore, listAuditEntries } from "../db/audit-entries";
import { getDb, type Db } from "../db/client";

/**
 * The actor of a lib call made without one (the CLI, tests, background work):
 * the system. The app always passes the signed-in staff member (the use cases in lib/app).
 */
export const SYSTEM_ACTOR = { kind: "system" } as const satisfies AuditActor;

export async function recordAudit(event: AuditEvent, db: Db = getDb()): Promise<AuditEntry> {
  return appendAuditEvent(auditStore(db), event, 50);
}

/**
 * Append `event` unless the log already holds one `exists` matches; null when
 * it did. Race-free across instances: the check covers every entry up to the
 * head the new entry chains to, and a writer that appended after that head
 * takes our seq, so we re-read and check again.
 */
export async function recordAuditOnce(
  event: AuditEvent,
  exists: (e: AuditEvent) => boolean,
  db: Db = getDb(),
  attempts = 50,
): Promise<AuditEntry | null> {
  const store = auditStore(db);
  for (let i = 0; ; i++) {
    const entries = await listAuditEntries(event.transferId, db);
    if (entries.some((e) => exists(e.event))) return null;
    const entry = nextEntry(entries.at(-1) ?? null, event);
    try {
      await store.append(event.transferId, entry);
      return entry;
    } catch (e) {
      if (i + 1 >= attempts || (e as { code?: string }).code !== "seq-taken") throw e;
    }
  }
}

export async function verifyAuditLog(
  transferId: string,
  db: Db = getDb(),
): Promise<ChainResult & { entries: AuditEntry[] }> {
  const entries = await listAuditEntries(transferId, db);
  return { ...verifyChain(entries), entries };
}
