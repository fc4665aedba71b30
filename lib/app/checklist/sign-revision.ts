/**
 * Sign a new checklist revision — unless nothing changed since the current one, which is then answered as it
 * is: a repeated request (a retried API call, a double click) does not make sign-offs stale for nothing.
 */
import type { z } from "zod";
import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import type { Db } from "../../db/client";
import { createChecklistRevisionFor, getChecklistPageFor } from "./guarded";
import type { RevisionSchema } from "../api/schemas";
import { revisionDto } from "./list-revisions";

export async function signRevision(
  actor: Actor | null,
  transferId: string,
  db?: Db,
): Promise<{ created: boolean; revision: z.infer<typeof RevisionSchema> }> {
  const page = await getChecklistPageFor(actor, transferId, db);
  if (page.current && !page.outdated) return { created: false, revision: revisionDto(page.current) };
  const r = await createChecklistRevisionFor(actor, transferId, db);
  if (!r.ok) throw new AppError("NOT_FOUND", "no such transfer");
  return {
    created: true,
    revision: revisionDto({
      revision: r.revision,
      digest: r.digest,
      keyId: r.keyId,
      createdAt: new Date(r.revision.createdAt),
    }),
  };
}
