/** The signed revisions of a transfer's checklist, oldest first, and whether a new one is due. Staff of the organisation. */
import type { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { Deps } from "../use-case";
import { getChecklistPage, type RevisionSummary } from "./get-checklist";
import type { RevisionListSchema, RevisionSchema } from "../../http/api-wire";

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
  input: { transferId: string },
  deps: Deps = {},
): Promise<z.infer<typeof RevisionListSchema>> {
  const page = await getChecklistPage(actor, input, deps);
  return { revisions: page.revisions.map(revisionDto), outdated: page.outdated };
}
