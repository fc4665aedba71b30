import { describe, expect, test } from "vitest";
import {
  appendAuditEvent,
  createMemoryAuditStore,
  entryHash,
  GENESIS_HASH,
  nextEntry,
  verifyChain,
  type AuditEntry,
} from "./chain";
import type { AuditEvent } from "./events";

const staff = { kind: "staff", userId: "u1", name: "Mo" } as const;
const events: AuditEvent[] = [
  {
    type: "source.imported",
    transferId: "t",
    at: "2026-10-01T10:00:00.000Z",
    actor: staff,
    sourceId: "s1",
    fileName: "a.zone",
    sha256: "a".repeat(64),
  },
  {
    type: "run.completed",
    transferId: "t",
    at: "2026-10-01T10:05:00.000Z",
    actor: { kind: "system" },
    runId: "r1",
    snapshotDigest: "b".repeat(64),
    findings: 7,
  },
  {
    type: "finding.waived",
    transferId: "t",
    at: "2026-10-01T10:06:00.000Z",
    actor: staff,
    findingId: "f1",
    reason: "known",
  },
  {
    type: "link.created",
    transferId: "t",
    at: "2026-10-01T10:07:00.000Z",
    actor: staff,
    linkId: "l1",
    role: "losing-registrar",
    expiresAt: "2026-10-15T10:07:00.000Z",
  },
  {
    type: "link.used",
    transferId: "t",
    at: "2026-10-01T11:00:00.000Z",
    actor: { kind: "link", linkId: "l1", role: "losing-registrar" },
    linkId: "l1",
    role: "losing-registrar",
  },
  {
    type: "signoff.recorded",
    transferId: "t",
    at: "2026-10-01T11:01:00.000Z",
    actor: { kind: "link", linkId: "l1", role: "losing-registrar" },
    role: "losing-registrar",
    signerName: "Rita",
    decision: "reject",
    reason: "no DS plan",
    revisionNumber: 1,
    revisionDigest: "c".repeat(64),
  },
];

async function buildLog(): Promise<AuditEntry[]> {
  const store = createMemoryAuditStore();
  for (const e of events) await appendAuditEvent(store, e);
  return store.entries("t");
}
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe("audit chain", () => {
  test("entries chain by hash from the genesis value", async () => {
    const log = await buildLog();
    expect(log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(log[0].prevHash).toBe(GENESIS_HASH);
    expect(log[1].prevHash).toBe(log[0].hash);
    expect(log[0].hash).toBe(entryHash({ seq: 1, prevHash: GENESIS_HASH, event: events[0] }));
    expect(verifyChain(log)).toEqual({ valid: true, length: 6, head: log[5].hash });
    expect(verifyChain([])).toEqual({ valid: true, length: 0, head: GENESIS_HASH });
  });
  test("an edited entry is reported at its position", async () => {
    const log = clone(await buildLog());
    (log[2].event as { reason: string }).reason = "nobody asked";
    expect(verifyChain(log)).toEqual({
      valid: false,
      index: 2,
      seq: 3,
      reason: "entry 3 was edited: its hash does not match its content",
    });
  });
  test("an edited entry with its hash recomputed breaks the next link", async () => {
    const log = clone(await buildLog());
    (log[2].event as { reason: string }).reason = "nobody asked";
    log[2].hash = entryHash(log[2]);
    expect(verifyChain(log)).toMatchObject({
      valid: false,
      index: 3,
      seq: 4,
      reason: "prevHash does not match the hash of entry 3",
    });
  });
  test("deletion and reordering", async () => {
    const log = await buildLog();
    expect(verifyChain([...log.slice(0, 3), ...log.slice(4)])).toMatchObject({ valid: false, index: 3, seq: 5 });
    expect(verifyChain([log[0], log[2], log[1], ...log.slice(3)])).toMatchObject({ valid: false, index: 1, seq: 3 });
    expect(verifyChain(log.slice(1))).toMatchObject({ valid: false, index: 0, seq: 2 });
    // renumbered after a deletion: the prevHash gives it away
    const renumbered = clone([log[0], log[2]]);
    renumbered[1].seq = 2;
    renumbered[1].hash = entryHash(renumbered[1]);
    expect(verifyChain(renumbered)).toMatchObject({
      valid: false,
      index: 1,
      reason: "prevHash does not match the hash of entry 1",
    });
  });
  test("a truncated tail is detected against the remembered head", async () => {
    const log = await buildLog();
    expect(verifyChain(log.slice(0, 5))).toMatchObject({ valid: true });
    expect(verifyChain(log.slice(0, 5), { seq: 6, hash: log[5].hash })).toMatchObject({
      valid: false,
      index: 5,
      seq: null,
    });
    expect(verifyChain(log, { seq: 6, hash: log[5].hash })).toMatchObject({ valid: true });
  });
  test("malformed events are refused on write and on read", async () => {
    expect(() => nextEntry(null, { ...events[0], sha256: "nope" } as AuditEvent)).toThrow();
    const log = clone(await buildLog());
    (log[1] as { event: { type: string } }).event.type = "run.deleted";
    expect(verifyChain(log)).toMatchObject({ valid: false, index: 1, seq: null });
  });
  test("concurrent appends lose nothing and fork nothing", async () => {
    const store = createMemoryAuditStore();
    // The memory store's last()/append() interleave across awaits, so racing writers collide and retry.
    await Promise.all(events.map((e) => appendAuditEvent(store, e, 20)));
    const log = store.entries("t");
    expect(log).toHaveLength(6);
    expect(new Set(log.map((e) => e.event.type)).size).toBe(6);
    expect(verifyChain(log)).toMatchObject({ valid: true, length: 6 });
  });
});
