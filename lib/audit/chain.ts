/**
 * Append-only audit log with hash chaining: entry n stores SHA-256 over the
 * canonical JSON of {seq, prevHash, event}, where prevHash is entry n−1's
 * hash. Editing, deleting or reordering an entry breaks the chain from that
 * point; truncating the tail is only visible against a remembered head, so
 * verifyChain accepts one.
 */
import { z } from "zod";
import { canonicalDigest } from "../checklist/canonical-json";
import { auditEventSchema, type AuditEvent } from "./events";

export const GENESIS_HASH = "0".repeat(64);

export const auditEntrySchema = z.object({
  seq: z.number().int().min(1),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  event: auditEventSchema,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export function entryHash(entry: Pick<AuditEntry, "seq" | "prevHash" | "event">): string {
  return canonicalDigest({ seq: entry.seq, prevHash: entry.prevHash, event: entry.event });
}

/** Pure: the entry that follows `previous` (null for the first). Throws (zod) for a malformed event. */
export function nextEntry(previous: AuditEntry | null, event: AuditEvent): AuditEntry {
  const parsed = auditEventSchema.parse(event);
  const seq = previous === null ? 1 : previous.seq + 1;
  const prevHash = previous === null ? GENESIS_HASH : previous.hash;
  return { seq, prevHash, event: parsed, hash: entryHash({ seq, prevHash, event: parsed }) };
}

/** Storage the DB layer implements; `append` must fail if `entry.seq` is already taken (unique index), so concurrent writers cannot fork the chain. */
export interface AuditStore {
  last(transferId: string): Promise<AuditEntry | null>;
  append(transferId: string, entry: AuditEntry): Promise<void>;
}

/** The one way events are written. Retries when another writer took the sequence number first. */
export async function appendAuditEvent(store: AuditStore, event: AuditEvent, attempts = 5): Promise<AuditEntry> {
  for (let i = 0; ; i++) {
    const entry = nextEntry(await store.last(event.transferId), event);
    try {
      await store.append(event.transferId, entry);
      return entry;
    } catch (e) {
      if (i + 1 >= attempts || (e as { code?: string }).code !== "seq-taken") throw e;
    }
  }
}

export type ChainResult =
  { valid: true; length: number; head: string } | { valid: false; index: number; seq: number | null; reason: string };

/** Checks every link; reports the first broken one. `expectedHead` (seq and hash remembered elsewhere) catches a truncated tail. */
export function verifyChain(entries: readonly unknown[], expectedHead?: { seq: number; hash: string }): ChainResult {
  let prev: AuditEntry | null = null;
  for (let i = 0; i < entries.length; i++) {
    const parsed = auditEntrySchema.safeParse(entries[i]);
    if (!parsed.success)
      return {
        valid: false,
        index: i,
        seq: null,
        reason: `entry ${i} is malformed: ${parsed.error.issues[0].message}`,
      };
    const e = parsed.data;
    const raw = entries[i] as AuditEntry;
    const wantSeq = prev === null ? 1 : prev.seq + 1;
    const wantPrev = prev === null ? GENESIS_HASH : prev.hash;
    if (e.seq !== wantSeq)
      return {
        valid: false,
        index: i,
        seq: e.seq,
        reason: `expected seq ${wantSeq}, found ${e.seq} (entry deleted, inserted or reordered)`,
      };
    if (e.prevHash !== wantPrev)
      return { valid: false, index: i, seq: e.seq, reason: `prevHash does not match the hash of entry ${wantSeq - 1}` };
    // Hash the raw event, so members a newer schema would strip still count.
    if (entryHash({ seq: raw.seq, prevHash: raw.prevHash, event: raw.event }) !== e.hash)
      return {
        valid: false,
        index: i,
        seq: e.seq,
        reason: `entry ${e.seq} was edited: its hash does not match its content`,
      };
    if (prev !== null && e.event.transferId !== prev.event.transferId)
      return { valid: false, index: i, seq: e.seq, reason: `entry ${e.seq} belongs to another transfer` };
    prev = e;
  }
  if (expectedHead !== undefined) {
    if (prev === null || prev.seq !== expectedHead.seq || prev.hash !== expectedHead.hash) {
      return {
        valid: false,
        index: entries.length,
        seq: null,
        reason: `the log ends at seq ${prev?.seq ?? 0}, but the remembered head is seq ${expectedHead.seq} (entries removed from the end)`,
      };
    }
  }
  return { valid: true, length: entries.length, head: prev?.hash ?? GENESIS_HASH };
}

/** In-memory store (tests, single process). */
export function createMemoryAuditStore(): AuditStore & { entries(transferId: string): AuditEntry[] } {
  const logs = new Map<string, AuditEntry[]>();
  return {
    async last(transferId) {
      const log = logs.get(transferId);
      return log?.at(-1) ?? null;
    },
    async append(transferId, entry) {
      const log = logs.get(transferId) ?? [];
      if (entry.seq !== log.length + 1) throw Object.assign(new Error("sequence number taken"), { code: "seq-taken" });
      log.push(entry);
      logs.set(transferId, log);
    },
    entries: (transferId) => [...(logs.get(transferId) ?? [])],
  };
}
