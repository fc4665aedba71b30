/**
 * Sign a new checklist revision through the API — unless nothing changed since the current one, which
 * createChecklistRevision then returns as it is (`unchanged`): a retried call does not make sign-offs stale.
 */
import type { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { Deps } from "../use-case";
import { createChecklistRevision } from "./create-checklist-revision";
import type { RevisionSchema } from "../../http/api-wire";
import { revisionDto } from "./list-revisions";

export async function signRevision(
  actor: Actor | null,
  input: { transferId: string },
  deps: Deps = {},
): Promise<{ created: boolean; revision: z.infer<typeof RevisionSchema> }> {
  const r = await createChecklistRevision(actor, input, deps);
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
