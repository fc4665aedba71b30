/**
 * The invite page, and the actor of its server actions. The capability is the token itself, so these take no
 * actor: they resolve one (invite-token.ts; wrong, revoked and expired are all NOT_FOUND, attempts rate-limited).
 */
import type { MaintainerActor } from "../../auth/actor";
import { requireMaintainer } from "../../auth/require";
import { listPartyRows } from "../../db/checklist-schedule";
import { listSources } from "../../db/list-sources";
import type { SourceRow, TransferRow } from "../../db/rows";
import { currentOwnerAnswers } from "../parties/merge-owner-answers";
import type { Deps } from "../use-case";
import { resolveInvite } from "./invite-token";

export interface InvitePage {
  actor: MaintainerActor;
  transfer: TransferRow;
  sources: SourceRow[];
  expiresAt: Date;
  /** The owner's answers as they stand (staff's entries included), to prefill the form. */
  answers: ReturnType<typeof currentOwnerAnswers>;
}

/** `ip`: the client address (lib/security/client-address.ts), for the per-address limit. */
export async function getInvitePage(input: { token: string; ip?: string }, deps: Deps = {}): Promise<InvitePage> {
  const r = await resolveInvite(input, deps);
  const { transfer } = await requireMaintainer(r.actor, r.actor.transferId, "view", deps.db);
  const [sources, parties] = await Promise.all([
    listSources(transfer.id, deps.db),
    listPartyRows(transfer.id, deps.db),
  ]);
  return {
    actor: r.actor,
    transfer,
    sources,
    expiresAt: r.expiresAt,
    answers: currentOwnerAnswers(parties.find((p) => p.role === "domain-owner") ?? null),
  };
}

/** For invite-page server actions: the actor a token stands for, or AppError. */
export async function inviteActor(input: { token: string; ip?: string }, deps: Deps = {}): Promise<MaintainerActor> {
  return (await getInvitePage(input, deps)).actor;
}
