/**
 * Set the maintenance window: staff of the owning organisation, named in the audit entry. Input arrives as UTC
 * instants; the owner's zone is kept for display and checks.
 */
import { z } from "zod";
import { getDb, type Db } from "../../db/client";
import { saveScheduleRow } from "../../db/checklist-schedule";
import { maintenanceWindowSchema } from "../../schedule/window";
import { recordAudit } from "../../audit/record-audit";
import { auditActor, type Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { invalidInput, issuesOf, type Deps } from "../use-case";

const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

export const scheduleInputSchema = z
  .object({
    start: z.iso.datetime(),
    end: z.iso.datetime(),
    timeZone: z.string().min(1),
    holidayRegion: z.preprocess(blankToNull, z.string().nullable()),
    ttlLoweringAt: z.preprocess(blankToNull, z.iso.datetime().nullable()),
  })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), {
    message: "the window must end after it starts",
    path: ["end"],
  });

/** `input.input` is the schedule form (scheduleInputSchema, then the window's own rules); INVALID says which field. */
export async function saveSchedule(
  actor: Actor | null,
  input: { transferId: string; input: unknown },
  deps: Deps = {},
): Promise<void> {
  const db: Db = deps.db ?? getDb();
  const { actor: staff } = await requireStaff(actor, input.transferId, db);
  const parsed = scheduleInputSchema.safeParse(input.input);
  const window = parsed.success ? maintenanceWindowSchema.safeParse(parsed.data) : parsed;
  if (!window.success) throw invalidInput(issuesOf(window.error), "invalid window");
  const w = window.data;
  await saveScheduleRow(
    {
      transferId: input.transferId,
      windowStart: new Date(w.start),
      windowEnd: new Date(w.end),
      timeZone: w.timeZone,
      holidayRegion: w.holidayRegion,
      ttlLoweringAt: w.ttlLoweringAt === null ? null : new Date(w.ttlLoweringAt),
    },
    db,
  );
  await recordAudit(
    {
      type: "window.scheduled",
      transferId: input.transferId,
      at: (deps.now ?? new Date()).toISOString(),
      actor: auditActor(staff),
      start: w.start,
      end: w.end,
    },
    db,
  );
}
