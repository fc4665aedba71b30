/**
 * Sign a new checklist revision through the API — unless nothing changed since the current one, which
 * createChecklistRevision then returns as it is (`unchanged`): a retried call does not make sign-offs stale.
 */
import type { z } from "zod";
import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import type { Db } from "../../db/client";
import { createChecklistRevisionFor } from "./guarded";
import type { RevisionSchema } from "../api/schemas";
import { revisionDto } from "./list-revisions";

export async function signRevision(
  actor: Actor | null,
  transferId: string,
  db?: Db,
): Promise<{ created: boolean; revision: z.infer<typeof RevisionSchema> }> {
  const r = await createChecklistRevisionFor(actor, transferId, db);
  if (!r.ok) throw new AppError("NOT_FOUND", "no such transfer");
  return {
    created: !r.unchanged,
    revision: revisionDto({
      revision: r.revision,
      digest: r.digest,
      keyId: r.keyId,
      createdAt: new Date(r.revision.createdAt),
    }),
  };
}
