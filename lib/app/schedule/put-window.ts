/** Set the maintenance window through the API (the schedule form's schema, lib/signoff/save-schedule.ts). */
import type { z } from "zod";
import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import type { Db } from "../../db/client";
import { saveScheduleFor } from "../checklist/guarded";
import type { ScheduleSchema } from "../api/schemas";
import { getWindow } from "./get-window";

export async function putWindow(
  actor: Actor | null,
  options: { transferId: string; input: unknown; db?: Db },
): Promise<z.infer<typeof ScheduleSchema>> {
  const r = await saveScheduleFor(actor, options);
  if (!r.ok)
    throw r.error === "not-found"
      ? new AppError("NOT_FOUND", "no such transfer")
      : new AppError("INVALID", r.issues[0]?.message ?? "invalid window", { issues: r.issues });
  return getWindow(actor, options.transferId, options.db);
}
