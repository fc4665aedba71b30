/**
 * Create a transfer at most once per `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header): an API client
 * that retries a POST after a timeout sends the same key, and gets the transfer the first request made instead of
 * a second one. The key is stored with the SHA-256 of the body's canonical JSON (RFC 8785) in the same transaction
 * as the transfer, so a concurrent duplicate waits on the key's unique index and then finds the committed result;
 * a failed request stores nothing and may be retried with the same key. The same key with another body is a
 * client error (409), as the draft asks. Keys are per organisation. Without a key: an ordinary create.
 */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { requireStaffActor } from "../../auth/require";
import { canonicalDigest } from "../../checklist/canonical-json";
import type { Db } from "../../db/client";
import { getTransfer } from "../../db/get-transfer";
import { getIdempotencyKey, insertIdempotencyKey, setIdempotencyResult } from "../../db/idempotency-keys";
import { inTransaction } from "../../db/portfolios";
import type { TransferRow } from "../../db/rows";
import { isUniqueViolation } from "../../db/unique-violation";
import { AppError } from "../../errors/app-error";
import { createTransfer } from "./create-transfer";

const OPERATION = "createTransfer";

/** Printable ASCII without spaces, as the draft's examples; long enough for a UUID or a client's own scheme. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, "Idempotency-Key: 1 to 255 printable characters without spaces");

export type CreateTransferIdempotentResult =
  { ok: true; transfer: TransferRow; replayed: boolean } | { ok: false; errors: Record<string, string> };

class Refused extends Error {
  constructor(readonly errors: Record<string, string>) {
    super("refused");
  }
}

export async function createTransferIdempotent(
  actor: Actor | null,
  input: { idempotencyKey: string | null; body: unknown },
  db?: Db,
): Promise<CreateTransferIdempotentResult> {
  if (input.idempotencyKey === null) {
    const r = await createTransfer(actor, input.body, db);
    return r.ok ? { ok: true, transfer: r.transfer, replayed: false } : r;
  }
  const staff = requireStaffActor(actor);
  const key = idempotencyKeySchema.safeParse(input.idempotencyKey);
  if (!key.success) throw new AppError("INVALID", key.error.issues[0]!.message);
  let requestHash: string;
  try {
    requestHash = canonicalDigest(input.body ?? null);
  } catch {
    throw new AppError("INVALID", "the body is not JSON");
  }
  const id = { organisationId: staff.organisationId, operation: OPERATION, key: key.data };
  try {
    return await inTransaction(async (tx) => {
      await insertIdempotencyKey({ ...id, requestHash, resultJson: null, createdAt: new Date() }, tx);
      const r = await createTransfer(staff, input.body, tx);
      // Rolls the key back with everything else: a refused request may be corrected and sent with the same key.
      if (!r.ok) throw new Refused(r.errors);
      await setIdempotencyResult(id, JSON.stringify({ transferId: r.transfer.id }), tx);
      return { ok: true as const, transfer: r.transfer, replayed: false };
    }, db);
  } catch (e) {
    if (e instanceof Refused) return { ok: false, errors: e.errors };
    if (!isUniqueViolation(e)) throw e;
  }
  const row = await getIdempotencyKey(id, db);
  if (!row || row.resultJson === null)
    throw new AppError("CONFLICT", "a request with this Idempotency-Key is in progress: retry");
  if (row.requestHash !== requestHash)
    throw new AppError("CONFLICT", "this Idempotency-Key was used for a request with another body");
  const transfer = await getTransfer((JSON.parse(row.resultJson) as { transferId: string }).transferId, db);
  if (!transfer) throw new AppError("CONFLICT", "the transfer this Idempotency-Key created no longer exists");
  return { ok: true, transfer, replayed: true };
}
