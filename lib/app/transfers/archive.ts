/** Archive or unarchive a transfer: hidden from the dashboard by default, never deleted; each change audit-logged once. */
import { z } from "zod";
import { auditActor, type Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import type { Db } from "../../db/client";
import { setTransferArchived } from "../../db/list-dashboard";
import { recordAudit } from "../../audit/record-audit";

export const archiveTransferSchema = z.object({ transferId: z.string().min(1).max(100), archived: z.boolean() });

/** `changed` is false when the transfer already was in that state (a double click), and then nothing is logged. */
export async function archiveTransfer(
  actor: Actor | null,
  input: unknown,
  options: { db?: Db; now?: Date } = {},
): Promise<{ changed: boolean }> {
  const { transferId, archived } = archiveTransferSchema.parse(input);
  const { actor: staff } = await requireStaff(actor, transferId, options.db);
  const now = options.now ?? new Date();
  const changed = await setTransferArchived(
    transferId,
    archived ? { at: now, by: staff.name || staff.email } : null,
    options.db,
  );
  if (changed)
    await recordAudit(
      {
        type: archived ? "transfer.archived" : "transfer.unarchived",
        transferId,
        at: now.toISOString(),
        actor: auditActor(staff),
      },
      options.db,
    );
  return { changed };
}
