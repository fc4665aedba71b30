import type { AuditActor } from "../audit/events";

/** Who is asking: a staff member of one organisation, or a maintainer holding one transfer's invite. */
export interface StaffActor {
  kind: "staff";
  userId: string;
  name: string;
  email: string;
  organisationId: string;
  /**
   * Set when the request came with an organisation API token (lib/app/api-tokens): the staff fields are the
   * token's creator as recorded when it was made, so decisions are bound to them; the audit log names the token.
   */
  apiToken?: { id: string; name: string; scope: "read" | "write" };
}

export interface MaintainerActor {
  kind: "maintainer";
  inviteId: string;
  transferId: string;
  label: string;
}

export type Actor = StaffActor | MaintainerActor;

/** What an invite lets a maintainer do on its one transfer; everything else is staff-only. */
export const MAINTAINER_ACTIONS = ["view", "upload", "answer-questions"] as const;
export type MaintainerAction = (typeof MAINTAINER_ACTIONS)[number];

/** The audit log's actor for an Actor (lib/audit/events.ts): the staff member's id and e-mail, or the invite's public id — never its token. */
export function auditActor(actor: Actor): AuditActor {
  if (actor.kind === "staff" && actor.apiToken)
    return {
      kind: "api-token",
      tokenId: actor.apiToken.id,
      tokenName: actor.apiToken.name,
      userId: actor.userId,
      email: actor.email,
    };
  return actor.kind === "staff"
    ? { kind: "staff", userId: actor.userId, name: actor.name || actor.email, email: actor.email }
    : { kind: "invite", inviteId: actor.inviteId, label: actor.label };
}
