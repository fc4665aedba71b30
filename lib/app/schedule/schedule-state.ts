/** Stored schedule and parties → the lib/schedule shapes a revision freezes. */
import { getDb, type Db } from "../../db/client";
import { getScheduleRow, listPartyRows, type PartyRow, type ScheduleRow } from "../../db/checklist-schedule";
import { partySchema, PARTY_ROLES, type Party } from "../../schedule/parties";
import type { MaintenanceWindow } from "../../schedule/window";

export function toWindow(row: ScheduleRow | null): MaintenanceWindow | null {
  if (row === null) return null;
  return {
    start: row.windowStart.toISOString(),
    end: row.windowEnd.toISOString(),
    timeZone: row.timeZone,
    holidayRegion: row.holidayRegion,
    ttlLoweringAt: row.ttlLoweringAt?.toISOString() ?? null,
  };
}

export function toParty(row: PartyRow): Party | null {
  const parsed = partySchema.safeParse({
    role: row.role,
    organisation: row.organisation,
    contacts: row.contacts.map((c) => ({
      name: c.name,
      ...(c.email ? { email: c.email } : {}),
      ...(c.phone ? { phone: c.phone } : {}),
    })),
    escalation:
      row.escalationChannel && row.escalationTarget
        ? { channel: row.escalationChannel, target: row.escalationTarget }
        : null,
    onCall:
      row.onCallConfirmed && row.onCallBy && row.onCallAt
        ? { confirmed: true, by: row.onCallBy, at: row.onCallAt.toISOString() }
        : { confirmed: false },
  });
  return parsed.success ? parsed.data : null;
}

export interface ScheduleState {
  window: MaintenanceWindow | null;
  /** In PARTY_ROLES order; roles nobody filled in are absent. */
  parties: Party[];
  updatedAt: Date | null;
}

export async function loadScheduleState(transferId: string, db: Db = getDb()): Promise<ScheduleState> {
  const [row, partyRows] = await Promise.all([getScheduleRow(transferId, db), listPartyRows(transferId, db)]);
  const parties = PARTY_ROLES.map((role) => partyRows.find((p) => p.role === role))
    .map((r) => (r === undefined ? null : toParty(r)))
    .filter((p): p is Party => p !== null);
  return { window: toWindow(row), parties, updatedAt: row?.updatedAt ?? null };
}
