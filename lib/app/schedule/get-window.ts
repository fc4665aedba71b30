/** The maintenance window as the API answers it: the window (or null) and what is wrong with it. Staff of the organisation. */
import type { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { getSchedulePageFor } from "../checklist/guarded";
import type { ScheduleSchema } from "../api/schemas";

export async function getWindow(
  actor: Actor | null,
  transferId: string,
  db?: Db,
): Promise<z.infer<typeof ScheduleSchema>> {
  const page = await getSchedulePageFor(actor, transferId, db);
  return { window: page.window, warnings: page.warnings.map((w) => w.message) };
}
