/**
 * The domain a transfer page's title carries ("Checklist · project.test · Cutover"), so tabs and history tell
 * transfers apart. Staff of the owning organisation only; anyone else gets null and the generic title (the page
 * itself answers 404 or sends them to sign in).
 */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { isAppError } from "../../errors/app-error";
import { requireStaff } from "../../auth/require";
import type { Deps } from "../use-case";

export const transferTitleSchema = z.object({ transferId: z.string().min(1).max(100) });

export async function getTransferTitle(actor: Actor | null, input: unknown, deps: Deps = {}): Promise<string | null> {
  const parsed = transferTitleSchema.safeParse(input);
  if (!parsed.success || actor === null) return null;
  try {
    return (await requireStaff(actor, parsed.data.transferId, deps.db)).transfer.domainUnicode;
  } catch (e) {
    if (isAppError(e)) return null;
    throw e;
  }
}
