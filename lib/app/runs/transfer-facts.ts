/**
 * The facts a browser run judges (DESIGN §1, §6 OPS/TIM): what the transfer,
 * the schedule (window, the five parties with contacts and on-call) and the
 * operations plan state — the same TransferFacts a pipeline gives with
 * `cutover check --facts`, so OPS/TIM checks judge real data.
 */
import type { OperationsPlan } from "../../checks/facts";
import type { TransferFacts } from "../../checks/types";
import type { Db } from "../../db/client";
import { getTransfer } from "../../db/get-transfer";
import type { TransferRow } from "../../db/rows";
import { PARTY_ROLES, PARTY_ROLE_LABELS, partyProblems, type Party } from "../../schedule/parties";
import type { MaintenanceWindow } from "../../schedule/window";
import { loadOperationsPlan } from "../schedule/operations-plan";
import { loadScheduleState } from "../schedule/schedule-state";

export interface StoredFacts {
  transfer: Pick<TransferRow, "domainAscii" | "dnsHostingMoves" | "losingRegistrar">;
  window: MaintenanceWindow | null;
  parties: readonly Party[];
  plan: OperationsPlan;
}

export function transferFacts(s: StoredFacts): TransferFacts {
  const label = (p: Party) => `${PARTY_ROLE_LABELS[p.role]} (${p.organisation})`;
  const contacts = s.parties.flatMap((p) =>
    p.contacts.map((c) => ({
      party: label(p),
      name: c.name,
      channel: [c.phone, c.email].filter(Boolean).join(" / "),
      onCall: p.onCall.confirmed,
    })),
  );
  // A party is reachable with a named contact and an escalation channel.
  const unreachable = PARTY_ROLES.filter((role) => {
    const p = s.parties.find((x) => x.role === role);
    return !p || p.contacts.length === 0 || p.escalation === null;
  }).map((role) => PARTY_ROLE_LABELS[role]);
  return {
    domain: s.transfer.domainAscii,
    dnsHostingMoves: s.transfer.dnsHostingMoves,
    losingRegistrar: s.transfer.losingRegistrar,
    window: s.window ? { start: s.window.start, end: s.window.end } : null,
    contacts,
    partiesWithoutContact: unreachable,
    // Every party complete and on call for the window: what lets a weekend window pass (OPS-WINDOW-WEEKEND).
    contactsConfirmed: partyProblems(s.parties).length === 0,
    ...s.plan,
  };
}

export async function loadTransferFacts(transferId: string, db?: Db): Promise<TransferFacts | null> {
  const [transfer, schedule, plan] = await Promise.all([
    getTransfer(transferId, db),
    loadScheduleState(transferId, db),
    loadOperationsPlan(transferId, db),
  ]);
  if (!transfer) return null;
  return transferFacts({ transfer, window: schedule.window, parties: schedule.parties, plan });
}
