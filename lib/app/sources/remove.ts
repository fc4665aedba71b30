/**
 * Take a source out of a transfer, or mark it replaced by a newer import. Nothing is erased: the source's row,
 * records and import report stay (its report page still opens) and the audit log names who removed it and why;
 * lists, diffs and revisions no longer use it, so the stepper asks for a new live check.
 */
import { z } from "zod";
import { auditActor, type Actor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import { requireStaff } from "../../auth/require";
import type { Db } from "../../db/client";
import { getSource } from "../../db/get-source";
import { insertSourceRemoval } from "../../db/source-removals";
import { listSources } from "../../db/list-sources";
import { recordAudit } from "../../audit/record-audit";

export const removeSourceSchema = z.object({
  transferId: z.string().min(1).max(100),
  sourceId: z.string().min(1).max(100),
  reason: z.string().trim().min(3, "say why the source is removed").max(500),
  /** The import that replaces it (already uploaded to this transfer). */
  replacedBy: z.string().min(1).max(100).optional(),
});

export async function removeSource(
  actor: Actor | null,
  input: unknown,
  options: { db?: Db; now?: Date } = {},
): Promise<{ removed: boolean }> {
  const p = removeSourceSchema.safeParse(input);
  if (!p.success)
    throw new AppError("INVALID", p.error.issues[0]?.message ?? "invalid input", {
      issues: p.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  const { transferId, sourceId, reason, replacedBy } = p.data;
  const { actor: staff } = await requireStaff(actor, transferId, options.db);
  const source = await getSource(transferId, sourceId, options.db);
  if (!source) throw new AppError("NOT_FOUND", "no such source");
  if (replacedBy !== undefined) {
    if (replacedBy === sourceId) throw new AppError("INVALID", "a source cannot replace itself");
    const kept = await listSources(transferId, options.db);
    if (!kept.some((s) => s.id === replacedBy))
      throw new AppError("INVALID", "the replacement is not a source of this transfer");
  }
  const now = options.now ?? new Date();
  const removed = await insertSourceRemoval(
    {
      sourceId,
      transferId,
      removedAt: now,
      removedBy: staff.name || staff.email,
      reason,
      replacedById: replacedBy ?? null,
    },
    options.db,
  );
  // Already removed (a double submit): one audit entry only.
  if (removed)
    await recordAudit(
      {
        type: "source.removed",
        transferId,
        at: now.toISOString(),
        actor: auditActor(staff),
        sourceId,
        label: source.label,
        reason,
        ...(replacedBy ? { replacedBy } : {}),
      },
      options.db,
    );
  return { removed };
}
