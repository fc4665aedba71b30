/**
 * "Create revision": freeze the current state into the next immutable,
 * signed revision. Staff of the owning organisation; the audit entry names them.
 * Two people clicking at once get consecutive numbers (the
 * unique (transfer, number) index makes the loser rebuild on the new head).
 */
import { sign } from "node:crypto";
import { toBase64url } from "../../checklist/base64url";
import { canonicalBytes, canonicalJson, sha256Hex } from "../../checklist/canonical-json";
import { createRevision, type Revision, type RevisionContent } from "../../checklist/revision";
import type { SigningKey } from "../../checklist/signing-key";
import { getDb, type Db } from "../../db/client";
import { insertRevisionRow, latestRevisionRow } from "../../db/checklist-revisions";
import { listSources } from "../../db/list-sources";
import { appendAuditEvent } from "../../audit/chain";
import { auditStore } from "../../db/audit-entries";
import { auditActor, type Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import type { Deps } from "../use-case";
import { buildRevisionContent } from "./build-revision-content";
import { parseRevisionRow } from "./parse-revision";
import { loadReviewInput } from "./latest-run-evidence";
import { loadScheduleState } from "../schedule/schedule-state";
import { serverSigningKey } from "./signing";

/** `unchanged`: the current state is the head revision's content, so the head is returned and nothing is written. */
export interface CreateChecklistRevisionResult {
  revision: Revision;
  digest: string;
  keyId: string;
  unchanged: boolean;
}

export async function createChecklistRevision(
  actor: Actor | null,
  input: { transferId: string },
  deps: Deps & { key?: SigningKey } = {},
): Promise<CreateChecklistRevisionResult> {
  const db: Db = deps.db ?? getDb();
  const { actor: staff, transfer } = await requireStaff(actor, input.transferId, db);
  const key = deps.key ?? serverSigningKey();
  const [sources, review, schedule] = await Promise.all([
    listSources(transfer.id, db),
    loadReviewInput(transfer.id, db),
    loadScheduleState(transfer.id, db),
  ]);
  for (let attempt = 0; attempt < 20; attempt++) {
    const head = await latestRevisionRow(transfer.id, db);
    const previous = head === null ? null : parseRevisionRow(head).revision;
    const content = buildRevisionContent({
      transfer,
      sources,
      review,
      previous,
      window: schedule.window,
      parties: schedule.parties,
    });
    // Same content, same revision: a double click (or a second person) gets the head back instead of a copy that
    // would make every sign-off on it stale for nothing.
    if (head !== null && previous !== null && sameContent(previous, content)) {
      const stored = parseRevisionRow(head);
      return { revision: stored.revision, digest: stored.digest, keyId: stored.keyId, unchanged: true };
    }
    const now = deps.now ?? new Date();
    const revision = createRevision({ transferId: transfer.id, previous, content, now });
    const text = canonicalJson(revision);
    const digest = sha256Hex(text);
    const signature = toBase64url(sign(null, canonicalBytes(revision), key.privateKey));
    // Revision and its audit entry in one transaction (no revision without its audit entry after a crash).
    const inserted = await insertRevisionRow(
      {
        transferId: transfer.id,
        number: revision.revisionNumber,
        canonicalJson: text,
        digest,
        createdAt: new Date(revision.createdAt),
        signature,
        keyId: key.keyId,
      },
      db,
      // One attempt: a taken audit seq aborts the transaction, and the loop retries everything.
      (tx) =>
        appendAuditEvent(
          auditStore(tx),
          {
            type: "revision.created",
            transferId: transfer.id,
            at: revision.createdAt,
            actor: auditActor(staff),
            revisionNumber: revision.revisionNumber,
            revisionDigest: digest,
          },
          1,
        ),
    );
    if (!inserted) continue;
    return { revision, digest, keyId: key.keyId, unchanged: false };
  }
  throw new Error("could not allocate a revision number after 20 attempts");
}

function sameContent(previous: Revision, content: RevisionContent): boolean {
  const { transferId: _a, revisionNumber: _b, createdAt: _c, previousDigest: _d, ...before } = previous;
  return canonicalJson(before) === canonicalJson(content);
}
