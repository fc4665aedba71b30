/** The maintenance window as the API answers it: the window (or null) and what is wrong with it. Staff of the organisation. */
import type { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { Deps } from "../use-case";
import { getSchedulePage } from "./get-schedule";
import type { ScheduleSchema } from "../../http/api-wire";

export async function getWindow(
  actor: Actor | null,
  input: { transferId: string },
  deps: Deps = {},
): Promise<z.infer<typeof ScheduleSchema>> {
  const page = await getSchedulePage(actor, input, deps);
  return { window: page.window, warnings: page.warnings.map((w) => w.message) };
}
