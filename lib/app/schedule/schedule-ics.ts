/**
 * The plan as an iCalendar file (lib/schedule/export-ics.ts) from the stored window and the latest measured timing.
 * Staff of the owning organisation; CONFLICT (with `reason`) while there is no window or no measured timing yet.
 */
import type { Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { getDb, type Db } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { exportIcs } from "../../schedule/export-ics";
import { planSchedule } from "../../schedule/window";
import { loadReviewInput } from "../checklist/latest-run-evidence";
import type { Deps } from "../use-case";
import { loadScheduleState } from "./schedule-state";

export interface ScheduleIcs {
  fileName: string;
  text: string;
}

export async function getScheduleIcs(
  actor: Actor | null,
  input: { transferId: string },
  deps: Deps = {},
): Promise<ScheduleIcs> {
  const db: Db = deps.db ?? getDb();
  const { transferId } = input;
  const { transfer } = await requireStaff(actor, transferId, db);
  const [state, review] = await Promise.all([loadScheduleState(transferId, db), loadReviewInput(transferId, db)]);
  if (state.window === null) throw new AppError("CONFLICT", "No window is scheduled yet", { reason: "no-window" });
  if (review?.timing == null)
    throw new AppError("CONFLICT", "No live check has measured the TTLs yet", { reason: "no-timing" });
  const plan = planSchedule(state.window, review.timing);
  const text = exportIcs({
    transferId,
    domain: transfer.domainAscii,
    plan,
    timeZone: state.window.timeZone,
    stamp: state.updatedAt ?? new Date(),
  });
  return { fileName: `${transfer.domainAscii}-cutover.ics`, text };
}
