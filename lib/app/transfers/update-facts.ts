/**
 * Edit a transfer's facts (registrars, operators, does DNS hosting move). Logged with each field's old → new value;
 * the revision freezes these facts, so the checklist then reports that a new revision is needed.
 */
import { auditActor, type Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import type { Db } from "../../db/client";
import { updateTransferFacts, type TransferFacts } from "../../db/update-transfer";
import { recordAudit } from "../../audit/record-audit";
import { transferInputSchema } from "./transfer-input";

export const updateFactsSchema = transferInputSchema.omit({ domain: true });

export const FACT_LABELS: Record<keyof TransferFacts, string> = {
  losingRegistrar: "Losing registrar",
  gainingRegistrar: "Gaining registrar",
  currentDnsOperator: "Current DNS operator",
  futureDnsOperator: "Future DNS operator",
  dnsHostingMoves: "DNS hosting moves",
};

const text = (v: string | boolean) => (typeof v === "boolean" ? (v ? "yes" : "no") : v);

/** Pure: the changed fields, in form order. */
export function factChanges(
  before: TransferFacts,
  after: TransferFacts,
): { field: keyof TransferFacts; from: string; to: string }[] {
  return (Object.keys(FACT_LABELS) as (keyof TransferFacts)[])
    .filter((k) => before[k] !== after[k])
    .map((k) => ({ field: k, from: text(before[k]), to: text(after[k]) }));
}

export type UpdateFactsResult =
  { ok: true; changes: ReturnType<typeof factChanges> } | { ok: false; errors: Record<string, string> };

export async function updateFacts(
  actor: Actor | null,
  input: { transferId: string; facts: unknown },
  options: { db?: Db; now?: Date } = {},
): Promise<UpdateFactsResult> {
  const { actor: staff, transfer } = await requireStaff(actor, input.transferId, options.db);
  const parsed = updateFactsSchema.safeParse(input.facts);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const i of parsed.error.issues) errors[String(i.path[0] ?? "form")] ??= i.message;
    return { ok: false, errors };
  }
  const changes = factChanges(transfer, parsed.data);
  // Saving the same facts again (a double submit) changes nothing and logs nothing.
  if (changes.length === 0) return { ok: true, changes };
  await updateTransferFacts(input.transferId, parsed.data, options.db);
  await recordAudit(
    {
      type: "transfer.updated",
      transferId: input.transferId,
      at: (options.now ?? new Date()).toISOString(),
      actor: auditActor(staff),
      changes,
    },
    options.db,
  );
  return { ok: true, changes };
}
