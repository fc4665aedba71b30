/**
 * Validate the form and store a transfer in the creator's organisation (staff only). Returns field errors
 * instead of throwing, so the page can show them next to the inputs; a missing or non-staff actor throws AppError.
 */
import type { Actor } from "../../auth/actor";
import { requireStaffActor } from "../../auth/require";
import { createTransfer as insertTransfer } from "../../db/create-transfer";
import type { Db } from "../../db/client";
import type { TransferRow } from "../../db/rows";
import { fieldErrors, transferInputSchema } from "./transfer-input";

export type CreateTransferResult =
  | { ok: true; transfer: TransferRow }
  | { ok: false; errors: Record<string, string> };

export async function createTransfer(actor: Actor | null, input: unknown, db?: Db): Promise<CreateTransferResult> {
  const staff = requireStaffActor(actor);
  const parsed = transferInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const { domain, ...rest } = parsed.data;
  const transfer = await insertTransfer({ domainAscii: domain.ascii, domainUnicode: domain.unicode, ...rest, organisationId: staff.organisationId }, db);
  return { ok: true, transfer };
}
