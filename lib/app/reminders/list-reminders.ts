/** The reminders of a transfer's current window for its schedule page: planned, sent (and how), or missed. Staff of the organisation. */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { getScheduleRow } from "../../db/checklist-schedule";
import type { Db } from "../../db/client";
import { isTransferActive, latestTimingJson, listReminderDeliveries } from "../../db/reminders";
import { AppError } from "../../errors/app-error";
import type { ReminderKind } from "../../schedule/reminders";
import { mailEnabled } from "../notifications/mail";
import { REMINDER_LABELS } from "./reminder-text";
import { plannedFor } from "./sweep-reminders";

export const listRemindersSchema = z.strictObject({ transferId: z.string().min(1).max(100) });

export interface ReminderView {
  kind: ReminderKind;
  label: string;
  dueAt: Date;
  /** planned: not due yet; due: the next sweep sends it; sent; missed: its time passed unsent (the server was off). */
  status: "planned" | "due" | "sent" | "missed";
  mailStatus: string | null;
  webhooks: number;
  sentAt: Date | null;
}

export interface RemindersPage {
  /** false: e-mail is off on this server (no CUTOVER_SMTP_URL); reminders go to webhooks only. */
  mail: boolean;
  archived: boolean;
  reminders: ReminderView[];
}

export async function listReminders(
  actor: Actor | null,
  input: unknown,
  options: { db?: Db; env?: Record<string, string | undefined>; now?: Date } = {},
): Promise<RemindersPage> {
  const p = listRemindersSchema.safeParse(input);
  if (!p.success) throw new AppError("INVALID", "which transfer?");
  const { transfer } = await requireStaff(actor, p.data.transferId, options.db);
  const now = options.now ?? new Date();
  const [row, timingJson, sent, active] = await Promise.all([
    getScheduleRow(transfer.id, options.db),
    latestTimingJson(transfer.id, options.db),
    listReminderDeliveries(transfer.id, options.db),
    isTransferActive(transfer.id, options.db),
  ]);
  const archived = !active;
  if (!row) return { mail: mailEnabled(options.env), archived, reminders: [] };
  const reminders = plannedFor({ ...row, timingJson }).map((r): ReminderView => {
    const d = sent.find(
      (s) =>
        s.kind === r.kind &&
        s.windowStart.getTime() === row.windowStart.getTime() &&
        s.windowEnd.getTime() === row.windowEnd.getTime(),
    );
    const status = d ? "sent" : r.dueAt > now ? "planned" : now < r.until && !archived ? "due" : "missed";
    return {
      kind: r.kind,
      label: REMINDER_LABELS[r.kind],
      dueAt: r.dueAt,
      status,
      mailStatus: d?.mailStatus ?? null,
      webhooks: d?.webhooks ?? 0,
      sentAt: d?.sentAt ?? null,
    };
  });
  return { mail: mailEnabled(options.env), archived, reminders };
}
