/** One party's contacts, escalation channel and on-call confirmation. */
import { z } from "zod";
import { getDb, type Db } from "../../db/client";
import { savePartyRow } from "../../db/checklist-schedule";
import { getTransfer } from "../../db/get-transfer";
import { contactSchema, escalationSchema, partyRoleSchema } from "../../schedule/parties";

export const partyInputSchema = z.object({
  role: partyRoleSchema,
  organisation: z.string().trim().min(1, "name the organisation").max(200),
  contacts: z.array(contactSchema).max(10),
  escalation: escalationSchema.nullable(),
  onCallConfirmed: z.boolean(),
  /** Who confirmed on-call (required when confirmed). */
  onCallBy: z.string().trim().max(200).optional(),
}).refine((p) => !p.onCallConfirmed || (p.onCallBy ?? "").length > 0, { message: "say who confirmed on-call", path: ["onCallBy"] });
export type PartyInput = z.input<typeof partyInputSchema>;

export type SavePartyResult = { ok: true } | { ok: false; error: "not-found" } | { ok: false; error: "invalid"; issues: { path: string; message: string }[] };

export async function saveParty(options: { transferId: string; input: unknown; now?: Date; db?: Db }): Promise<SavePartyResult> {
  const db = options.db ?? getDb();
  if ((await getTransfer(options.transferId, db)) === null) return { ok: false, error: "not-found" };
  const parsed = partyInputSchema.safeParse(options.input);
  if (!parsed.success) return { ok: false, error: "invalid", issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
  const p = parsed.data;
  await savePartyRow(
    options.transferId,
    {
      role: p.role,
      organisation: p.organisation,
      escalationChannel: p.escalation?.channel ?? null,
      escalationTarget: p.escalation?.target ?? null,
      onCallConfirmed: p.onCallConfirmed,
      onCallBy: p.onCallConfirmed ? (p.onCallBy ?? null) : null,
      onCallAt: p.onCallConfirmed ? (options.now ?? new Date()) : null,
      contacts: p.contacts.map((c) => ({ name: c.name, email: c.email ?? null, phone: c.phone ?? null })),
    },
    db,
  );
  return { ok: true };
}
