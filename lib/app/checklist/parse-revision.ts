/** A stored revision row back to its Revision, checking the stored digest (a row edited in place is refused). */
import { sha256Hex } from "../../checklist/canonical-json";
import { revisionSchema, type Revision } from "../../checklist/revision";
import type { RevisionRow } from "../../db/checklist-revisions";

export interface StoredRevision {
  revision: Revision;
  digest: string;
  signature: string;
  keyId: string;
  createdAt: Date;
}

export function parseRevisionRow(row: RevisionRow): StoredRevision {
  if (sha256Hex(row.canonicalJson) !== row.digest)
    throw new Error(`revision ${row.number} of ${row.transferId} does not match its stored digest`);
  return {
    revision: revisionSchema.parse(JSON.parse(row.canonicalJson)),
    digest: row.digest,
    signature: row.signature,
    keyId: row.keyId,
    createdAt: row.createdAt,
  };
}
