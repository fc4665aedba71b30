/**
 * Validate the form and store a transfer in the creator's organisation (staff only). INVALID carries one issue per
 * field, which the page shows next to the inputs.
 */
import type { Actor } from "../../auth/actor";
import { requireStaffActor } from "../../auth/require";
import { createTransfer as insertTransfer } from "../../db/create-transfer";
import type { TransferRow } from "../../db/rows";
import { invalidInput, type Deps } from "../use-case";
import { fieldErrors, transferInputSchema } from "./transfer-input";

export async function createTransfer(actor: Actor | null, input: unknown, deps: Deps = {}): Promise<TransferRow> {
  const staff = requireStaffActor(actor);
  const parsed = transferInputSchema.safeParse(input);
  // One issue per field: the first message of each, as the form shows it.
  if (!parsed.success)
    throw invalidInput(Object.entries(fieldErrors(parsed.error)).map(([path, message]) => ({ path, message })));
  const { domain, ...rest } = parsed.data;
  return insertTransfer(
    { domainAscii: domain.ascii, domainUnicode: domain.unicode, ...rest, organisationId: staff.organisationId },
    deps.db,
  );
}
