/** Set the maintenance window. Input arrives as UTC instants; the owner's zone is kept for display and checks. */
import { z } from "zod";
import { getDb, type Db } from "../../db/client";
import { saveScheduleRow } from "../../db/checklist-schedule";
import { getTransfer } from "../../db/get-transfer";
import { maintenanceWindowSchema } from "../../schedule/window";
import type { AuditActor } from "../../audit/events";
import { SYSTEM_ACTOR, recordAudit } from "../../audit/record-audit";

const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

export const scheduleInputSchema = z
  .object({
    start: z.iso.datetime(),
    end: z.iso.datetime(),
    timeZone: z.string().min(1),
    holidayRegion: z.preprocess(blankToNull, z.string().nullable()),
    ttlLoweringAt: z.preprocess(blankToNull, z.iso.datetime().nullable()),
  })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), { message: "the window must end after it starts", path: ["end"] });

export type SaveScheduleResult = { ok: true } | { ok: false; error: "not-found" } | { ok: false; error: "invalid"; issues: { path: string; message: string }[] };

export async function saveSchedule(options: { transferId: string; input: unknown; now?: Date; db?: Db; actor?: AuditActor }): Promise<SaveScheduleResult> {
  const db = options.db ?? getDb();
  if ((await getTransfer(options.transferId, db)) === null) return { ok: false, error: "not-found" };
  const parsed = scheduleInputSchema.safeParse(options.input);
  const window = parsed.success ? maintenanceWindowSchema.safeParse(parsed.data) : parsed;
  if (!window.success) return { ok: false, error: "invalid", issues: window.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
  const w = window.data;
  await saveScheduleRow(
    { transferId: options.transferId, windowStart: new Date(w.start), windowEnd: new Date(w.end), timeZone: w.timeZone, holidayRegion: w.holidayRegion, ttlLoweringAt: w.ttlLoweringAt === null ? null : new Date(w.ttlLoweringAt) },
    db,
  );
  await recordAudit({ type: "window.scheduled", transferId: options.transferId, at: (options.now ?? new Date()).toISOString(), actor: options.actor ?? SYSTEM_ACTOR, start: w.start, end: w.end }, db);
  return { ok: true };
}
