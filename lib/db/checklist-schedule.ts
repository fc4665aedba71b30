/** Schedule and parties of a transfer. Plain rows out, never Prisma types. */
import type { Db } from "./client";
import { getDb } from "./client";

export interface ScheduleRow {
  transferId: string;
  windowStart: Date;
  windowEnd: Date;
  timeZone: string;
  holidayRegion: string | null;
  ttlLoweringAt: Date | null;
  updatedAt: Date;
}

export interface ContactRow {
  name: string;
  email: string | null;
  phone: string | null;
}

export interface PartyRow {
  role: string;
  organisation: string;
  escalationChannel: string | null;
  escalationTarget: string | null;
  onCallConfirmed: boolean;
  onCallBy: string | null;
  onCallAt: Date | null;
  updatedAt: Date;
  contacts: ContactRow[];
}

export async function getScheduleRow(transferId: string, db: Db = getDb()): Promise<ScheduleRow | null> {
  return db.schedule.findUnique({ where: { transferId } });
}

export async function saveScheduleRow(row: Omit<ScheduleRow, "updatedAt">, db: Db = getDb()): Promise<ScheduleRow> {
  const { transferId, ...data } = row;
  return db.schedule.upsert({ where: { transferId }, create: row, update: data });
}

const partySelect = {
  role: true,
  organisation: true,
  escalationChannel: true,
  escalationTarget: true,
  onCallConfirmed: true,
  onCallBy: true,
  onCallAt: true,
  updatedAt: true,
  contacts: { select: { name: true, email: true, phone: true }, orderBy: { position: "asc" } },
} as const;

export async function listPartyRows(transferId: string, db: Db = getDb()): Promise<PartyRow[]> {
  return db.party.findMany({ where: { transferId }, select: partySelect, orderBy: { role: "asc" } });
}

/** Replaces the party of one role, contacts included, in one transaction. */
export async function savePartyRow(
  transferId: string,
  row: Omit<PartyRow, "updatedAt">,
  db: Db = getDb(),
): Promise<void> {
  const { contacts, role, ...data } = row;
  await db.$transaction(async (tx) => {
    const party = await tx.party.upsert({
      where: { transferId_role: { transferId, role } },
      create: { transferId, role, ...data },
      update: data,
      select: { id: true },
    });
    await tx.contact.deleteMany({ where: { partyId: party.id } });
    if (contacts.length > 0)
      await tx.contact.createMany({ data: contacts.map((c, position) => ({ ...c, partyId: party.id, position })) });
  });
}
