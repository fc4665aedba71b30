/** The plan as an iCalendar file (lib/schedule/export-ics.ts) from the stored window and the latest measured timing. */
import { getDb, type Db } from "../../db/client";
import { getTransfer } from "../../db/get-transfer";
import { exportIcs } from "../../schedule/export-ics";
import { planSchedule } from "../../schedule/window";
import { loadReviewInput } from "../checklist/latest-run-evidence";
import { loadScheduleState } from "./schedule-state";

export type ScheduleIcsResult = { ok: true; fileName: string; text: string } | { ok: false; error: "not-found" | "no-window" | "no-timing" };

export async function getScheduleIcs(transferId: string, db: Db = getDb()): Promise<ScheduleIcsResult> {
  const transfer = await getTransfer(transferId, db);
  if (transfer === null) return { ok: false, error: "not-found" };
  const [state, review] = await Promise.all([loadScheduleState(transferId, db), loadReviewInput(transferId, db)]);
  if (state.window === null) return { ok: false, error: "no-window" };
  if (review?.timing == null) return { ok: false, error: "no-timing" };
  const plan = planSchedule(state.window, review.timing);
  const text = exportIcs({ transferId, domain: transfer.domainAscii, plan, timeZone: state.window.timeZone, stamp: state.updatedAt ?? new Date() });
  return { ok: true, fileName: `${transfer.domainAscii}-cutover.ics`, text };
}
