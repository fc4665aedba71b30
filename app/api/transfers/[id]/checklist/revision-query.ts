import { z } from "zod";

const schema = z.object({ revision: z.coerce.number().int().min(1).nullable() });

/** `?revision=N`, or null for the current revision. */
export function revisionQuery(
  request: Request,
): { ok: true; revision: number | null } | { ok: false; issues: z.core.$ZodIssue[] } {
  const p = schema.safeParse({ revision: new URL(request.url).searchParams.get("revision") });
  return p.success ? { ok: true, revision: p.data.revision } : { ok: false, issues: p.error.issues };
}
