/** One revision's signed bundle (what `cutover verify` checks). Staff of the organisation. */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import { requireStaff } from "../../auth/require";
import { issuesOf, type Deps } from "../use-case";
import { getBundle, type Download } from "./downloads";

export const revisionNumberSchema = z.coerce.number().int().min(1).max(1_000_000);

export async function getRevisionBundle(
  actor: Actor | null,
  input: { transferId: string; number: unknown },
  deps: Deps = {},
): Promise<Download> {
  await requireStaff(actor, input.transferId, deps.db);
  const n = revisionNumberSchema.safeParse(input.number);
  if (!n.success)
    throw new AppError("INVALID", "the revision number is a positive integer", { issues: issuesOf(n.error) });
  return getBundle(actor, { transferId: input.transferId, revisionNumber: n.data }, deps);
}
