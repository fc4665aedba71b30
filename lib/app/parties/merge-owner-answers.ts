/**
 * The maintainer's answers on the invite page merged into the domain owner's
 * party as staff entered it: answers add and update, they never erase.
 * Escalation is staff's (the invite page does not ask for it); a contact is the
 * same person when the e-mail or the name matches (case-insensitively), and a
 * blank answer field keeps what was there; an unticked on-call box keeps an
 * earlier confirmation (withdrawing it is a staff edit on the schedule page).
 */
import type { PartyRow } from "../../db/checklist-schedule";
import type { PartyInput } from "./save-party";

export interface OwnerAnswers {
  organisation: string;
  contacts: { name: string; email?: string; phone?: string }[];
  onCallConfirmed: boolean;
  onCallBy?: string;
}

type Contact = { name: string; email?: string; phone?: string };

const MAX_CONTACTS = 10;
const key = (s: string | undefined | null) => (s ?? "").trim().toLowerCase();

function sameContact(a: Contact, b: Contact): boolean {
  if (key(a.email) !== "" && key(a.email) === key(b.email)) return true;
  return key(a.name) !== "" && key(a.name) === key(b.name);
}

export function mergeOwnerAnswers(existing: PartyRow | null, answers: OwnerAnswers): PartyInput {
  const contacts: Contact[] = (existing?.contacts ?? []).map((c) => ({
    name: c.name,
    ...(c.email ? { email: c.email } : {}),
    ...(c.phone ? { phone: c.phone } : {}),
  }));
  for (const a of answers.contacts) {
    const i = contacts.findIndex((c) => sameContact(c, a));
    if (i < 0) {
      contacts.push(a);
      continue;
    }
    const c = contacts[i];
    contacts[i] = {
      name: a.name || c.name,
      ...((a.email ?? c.email) ? { email: a.email ?? c.email } : {}),
      ...((a.phone ?? c.phone) ? { phone: a.phone ?? c.phone } : {}),
    };
  }
  const keepOnCall = !answers.onCallConfirmed && existing?.onCallConfirmed === true && !!existing.onCallBy;
  return {
    role: "domain-owner",
    organisation: answers.organisation,
    contacts: contacts.slice(0, MAX_CONTACTS),
    escalation:
      existing?.escalationChannel && existing.escalationTarget
        ? ({ channel: existing.escalationChannel, target: existing.escalationTarget } as PartyInput["escalation"])
        : null,
    onCallConfirmed: answers.onCallConfirmed || keepOnCall,
    onCallBy: answers.onCallConfirmed ? answers.onCallBy : keepOnCall ? existing!.onCallBy! : undefined,
  };
}

/** What the invite page shows as the current answers: the owner party's organisation, first contact and on-call. */
export function currentOwnerAnswers(existing: PartyRow | null): {
  organisation: string;
  contact: Contact;
  onCallConfirmed: boolean;
  onCallBy: string;
} {
  const c = existing?.contacts[0];
  return {
    organisation: existing?.organisation ?? "",
    contact: { name: c?.name ?? "", email: c?.email ?? "", phone: c?.phone ?? "" },
    onCallConfirmed: existing?.onCallConfirmed ?? false,
    onCallBy: existing?.onCallBy ?? "",
  };
}
