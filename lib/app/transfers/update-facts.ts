/**
 * Edit a transfer's facts (registrars, operators, does DNS hosting move). Logged with each field's old → new value;
 * the revision freezes these facts, so the checklist then reports that a new revision is needed.
 */
import { auditActor, type Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { fieldErrors, invalidInput, issuesOf, type Deps } from "../use-case";
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

/** What changed, field by field (empty when the same facts were saved again). */
export interface UpdateFactsResult {
  changes: ReturnType<typeof factChanges>;
}

export async function updateFacts(
  actor: Actor | null,
  input: { transferId: string; facts: unknown },
  options: Deps = {},
): Promise<UpdateFactsResult> {
  const { actor: staff, transfer } = await requireStaff(actor, input.transferId, options.db);
  const parsed = updateFactsSchema.safeParse(input.facts);
  // One issue per field: the first message of each, as the form shows it.
  if (!parsed.success)
    throw invalidInput(
      Object.entries(fieldErrors(issuesOf(parsed.error))).map(([path, message]) => ({ path, message })),
    );
  const changes = factChanges(transfer, parsed.data);
  // Saving the same facts again (a double submit) changes nothing and logs nothing.
  if (changes.length === 0) return { changes };
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
  return { changes };
}
