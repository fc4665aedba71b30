/** Set the maintenance window through the API (the schedule form's schema, save-schedule.ts). Staff of the organisation. */
import type { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { ScheduleSchema } from "../../http/api-wire";
import type { Deps } from "../use-case";
import { getWindow } from "./get-window";
import { saveSchedule } from "./save-schedule";

export async function putWindow(
  actor: Actor | null,
  input: { transferId: string; input: unknown },
  deps: Deps = {},
): Promise<z.infer<typeof ScheduleSchema>> {
  await saveSchedule(actor, input, deps);
  return getWindow(actor, { transferId: input.transferId }, deps);
}
