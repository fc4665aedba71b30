/**
 * The questions only the domain's owners can answer: does DNS hosting move, and who are the owner's contacts and
 * on call. Staff, or the maintainer invited to the transfer. Merged into what staff entered, never replacing it
 * (merge-owner-answers.ts).
 */
import { z } from "zod";
import { auditActor, type Actor } from "../../auth/actor";
import { requireTransferAccess } from "../../auth/require";
import { recordAudit } from "../../audit/record-audit";
import { listPartyRows, savePartyRow } from "../../db/checklist-schedule";
import { setDnsHostingMoves } from "../../db/update-transfer";
import { contactSchema } from "../../schedule/parties";
import { parseInput, type Deps } from "../use-case";
import { mergeOwnerAnswers } from "./merge-owner-answers";
import { partyInputSchema, partyRow } from "./save-party";

export const ownerAnswersSchema = z.object({
  dnsHostingMoves: z.enum(["yes", "no"]),
  organisation: z.string().trim().min(1, "name the organisation").max(200),
  contacts: z.array(contactSchema).min(1, "give at least one contact").max(10),
  onCallConfirmed: z.boolean(),
  onCallBy: z.string().trim().max(200).optional(),
});

export async function answerOwnerQuestions(
  actor: Actor | null,
  input: { transferId: string; input: unknown },
  deps: Deps = {},
): Promise<void> {
  const { db, now } = deps;
  const access = await requireTransferAccess(actor, input.transferId, "answer-questions", db);
  const a = parseInput(ownerAnswersSchema, input.input, "invalid answers");
  const existing = (await listPartyRows(input.transferId, db)).find((r) => r.role === "domain-owner") ?? null;
  const party = parseInput(partyInputSchema, mergeOwnerAnswers(existing, a), "invalid answers");
  await savePartyRow(input.transferId, partyRow(party, now ?? new Date()), db);
  await setDnsHostingMoves(input.transferId, a.dnsHostingMoves === "yes", db);
  await recordAudit(
    {
      type: "owner.answered",
      transferId: input.transferId,
      at: (now ?? new Date()).toISOString(),
      actor: auditActor(access.actor),
      dnsHostingMoves: a.dnsHostingMoves === "yes",
      organisation: a.organisation,
    },
    db,
  );
}
