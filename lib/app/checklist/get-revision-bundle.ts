/** One revision's signed bundle (what `cutover verify` checks). Staff of the organisation. */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import { requireStaff } from "../../auth/require";
import type { Db } from "../../db/client";
import { getBundleFor } from "./guarded";

export const revisionNumberSchema = z.coerce.number().int().min(1).max(1_000_000);

export async function getRevisionBundle(
  actor: Actor | null,
  options: { transferId: string; number: unknown; db?: Db },
): Promise<{ fileName: string; bytes: Buffer }> {
  await requireStaff(actor, options.transferId, options.db);
  const n = revisionNumberSchema.safeParse(options.number);
  if (!n.success)
    throw new AppError("INVALID", "the revision number is a positive integer", { issues: n.error.issues });
  const r = await getBundleFor(actor, { transferId: options.transferId, revisionNumber: n.data, db: options.db });
  if (!r.ok) throw new AppError("NOT_FOUND", "no such revision");
  return r;
}
