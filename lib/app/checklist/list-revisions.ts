/** The signed revisions of a transfer's checklist, oldest first, and whether a new one is due. Staff of the organisation. */
import type { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { getChecklistPageFor } from "./guarded";
import type { RevisionSummary } from "./get-checklist";
import type { RevisionListSchema, RevisionSchema } from "../api/schemas";

export function revisionDto(
  r: Pick<RevisionSummary, "revision" | "digest" | "keyId" | "createdAt"> & { changes?: string[] },
): z.infer<typeof RevisionSchema> {
  return {
    number: r.revision.revisionNumber,
    digest: r.digest,
    keyId: r.keyId,
    createdAt: r.createdAt.toISOString(),
    verdict: r.revision.verdict.decision,
    changes: r.changes ?? [],
  };
}

export async function listRevisions(
  actor: Actor | null,
  transferId: string,
  db?: Db,
): Promise<z.infer<typeof RevisionListSchema>> {
  const page = await getChecklistPageFor(actor, transferId, db);
  return { revisions: page.revisions.map(revisionDto), outdated: page.outdated };
}
