/**
 * The five parties of a transfer, each with named contacts, an
 * escalation channel and an on-call confirmation for the window. All five
 * must be complete before a checklist can be final (DESIGN §6 OPS).
 */
import { z } from "zod";

export const PARTY_ROLES = [
  "losing-registrar",
  "gaining-registrar",
  "old-dns-operator",
  "new-dns-operator",
  "domain-owner",
] as const;
export const partyRoleSchema = z.enum(PARTY_ROLES);
export type PartyRole = z.infer<typeof partyRoleSchema>;

export const PARTY_ROLE_LABELS: Record<PartyRole, string> = {
  "losing-registrar": "Losing registrar",
  "gaining-registrar": "Gaining registrar",
  "old-dns-operator": "Old DNS operator",
  "new-dns-operator": "New DNS operator",
  "domain-owner": "Domain owner",
};

export const contactSchema = z
  .object({
    name: z.string().trim().min(1),
    email: z.email().optional(),
    phone: z.string().trim().min(3).optional(),
  })
  .refine((c) => c.email !== undefined || c.phone !== undefined, "a contact needs an email address or a phone number");
export type Contact = z.infer<typeof contactSchema>;

export const escalationSchema = z.object({
  channel: z.enum(["phone", "email", "chat", "pager", "ticket", "other"]),
  /** Where to escalate: a number, an address, a channel URL. */
  target: z.string().trim().min(1),
});

export const onCallSchema = z.discriminatedUnion("confirmed", [
  z.object({ confirmed: z.literal(false) }),
  z.object({ confirmed: z.literal(true), by: z.string().trim().min(1), at: z.iso.datetime({ offset: true }) }),
]);

export const partySchema = z.object({
  role: partyRoleSchema,
  organisation: z.string().trim().min(1),
  contacts: z.array(contactSchema),
  escalation: escalationSchema.nullable(),
  onCall: onCallSchema,
});
export type Party = z.infer<typeof partySchema>;

export interface PartyProblem {
  role: PartyRole;
  code: "party-missing" | "contacts-missing" | "escalation-missing" | "on-call-unconfirmed";
  message: string;
}

/** What is still missing for each of the five roles; empty means every party is ready. */
export function partyProblems(parties: readonly Party[]): PartyProblem[] {
  const problems: PartyProblem[] = [];
  for (const role of PARTY_ROLES) {
    const label = PARTY_ROLE_LABELS[role];
    const party = parties.find((p) => p.role === role);
    if (party === undefined) {
      problems.push({ role, code: "party-missing", message: `${label}: no party recorded` });
      continue;
    }
    if (party.contacts.length === 0)
      problems.push({ role, code: "contacts-missing", message: `${label} (${party.organisation}): no named contact` });
    if (party.escalation === null)
      problems.push({
        role,
        code: "escalation-missing",
        message: `${label} (${party.organisation}): no escalation channel`,
      });
    if (!party.onCall.confirmed)
      problems.push({
        role,
        code: "on-call-unconfirmed",
        message: `${label} (${party.organisation}): on-call for the window not confirmed`,
      });
  }
  return problems;
}
