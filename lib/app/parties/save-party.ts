/** One party's contacts, escalation channel and on-call confirmation. Staff of the owning organisation. */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { savePartyRow } from "../../db/checklist-schedule";
import { contactSchema, escalationSchema, partyRoleSchema } from "../../schedule/parties";
import { parseInput, type Deps } from "../use-case";

export const partyInputSchema = z
  .object({
    role: partyRoleSchema,
    organisation: z.string().trim().min(1, "name the organisation").max(200),
    contacts: z.array(contactSchema).max(10),
    escalation: escalationSchema.nullable(),
    onCallConfirmed: z.boolean(),
    /** Who confirmed on-call (required when confirmed). */
    onCallBy: z.string().trim().max(200).optional(),
  })
  .refine((p) => !p.onCallConfirmed || (p.onCallBy ?? "").length > 0, {
    message: "say who confirmed on-call",
    path: ["onCallBy"],
  });
export type PartyInput = z.input<typeof partyInputSchema>;

/** The stored row of a validated party; on-call is stamped with `now` when confirmed. */
export function partyRow(p: z.output<typeof partyInputSchema>, now: Date): Parameters<typeof savePartyRow>[1] {
  return {
    role: p.role,
    organisation: p.organisation,
    escalationChannel: p.escalation?.channel ?? null,
    escalationTarget: p.escalation?.target ?? null,
    onCallConfirmed: p.onCallConfirmed,
    onCallBy: p.onCallConfirmed ? (p.onCallBy ?? null) : null,
    onCallAt: p.onCallConfirmed ? now : null,
    contacts: p.contacts.map((c) => ({ name: c.name, email: c.email ?? null, phone: c.phone ?? null })),
  };
}

/** `input.input` is the party form (partyInputSchema); INVALID says which field. */
export async function saveParty(
  actor: Actor | null,
  input: { transferId: string; input: unknown },
  deps: Deps = {},
): Promise<void> {
  await requireStaff(actor, input.transferId, deps.db);
  const p = parseInput(partyInputSchema, input.input);
  await savePartyRow(input.transferId, partyRow(p, deps.now ?? new Date()), deps.db);
}
