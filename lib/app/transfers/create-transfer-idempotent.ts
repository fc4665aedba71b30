/**
 * Create a transfer at most once per `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header): an API client
 * that retries a POST after a timeout sends the same key, and gets the transfer the first request made instead of
 * a second one. The key is stored with the SHA-256 of the body's canonical JSON (RFC 8785) in the same transaction
 * as the transfer, so a concurrent duplicate waits on the key's unique index and then finds the committed result;
 * a failed request stores nothing and may be retried with the same key. The same key with another body is a
 * client error (409), as the draft asks. Keys are per organisation. Without a key: an ordinary create.
 * A key lives CUTOVER_IDEMPOTENCY_HOURS (lib/config/idempotency.ts; the draft's "Idempotency Key Validity and
 * Expiry" leaves the lifetime to the server): an older one counts as never used, so the request creates a new
 * transfer and takes the key row over; the notification sweep deletes expired keys.
 */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { requireStaffActor } from "../../auth/require";
import { canonicalDigest } from "../../checklist/canonical-json";
import { idempotencyCutoff } from "../../config/idempotency";
import type { Db } from "../../db/client";
import { getTransfer } from "../../db/get-transfer";
import {
  getIdempotencyKey,
  insertIdempotencyKey,
  replaceExpiredIdempotencyKey,
  setIdempotencyResult,
  type IdempotencyKeyRow,
} from "../../db/idempotency-keys";
import { inTransaction } from "../../db/portfolios";
import type { TransferRow } from "../../db/rows";
import { isUniqueViolation } from "../../db/unique-violation";
import { AppError } from "../../errors/app-error";
import { createTransfer } from "./create-transfer";
import { parseInput, type Deps } from "../use-case";

const OPERATION = "createTransfer";

/** Printable ASCII without spaces, as the draft's examples; long enough for a UUID or a client's own scheme. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, "Idempotency-Key: 1 to 255 printable characters without spaces");

export interface CreateTransferIdempotentResult {
  transfer: TransferRow;
  /** true: an earlier request with this key made the transfer; nothing was created now. */
  replayed: boolean;
}

export async function createTransferIdempotent(
  actor: Actor | null,
  input: { idempotencyKey: string | null; body: unknown },
  deps: Deps = {},
): Promise<CreateTransferIdempotentResult> {
  if (input.idempotencyKey === null)
    return { transfer: await createTransfer(actor, input.body, deps), replayed: false };
  const staff = requireStaffActor(actor);
  const key = parseInput(idempotencyKeySchema, input.idempotencyKey);
  let requestHash: string;
  try {
    requestHash = canonicalDigest(input.body ?? null);
  } catch {
    throw new AppError("INVALID", "the body is not JSON");
  }
  const id = { organisationId: staff.organisationId, operation: OPERATION, key };
  const now = deps.now ?? new Date();
  const cutoff = idempotencyCutoff(now, deps.env);
  const claimed: IdempotencyKeyRow = { ...id, requestHash, resultJson: null, createdAt: now };
  // `claim` stores the key in the transfer's transaction; false: another request holds it.
  // A refused create (AppError INVALID) rolls the key back with everything else: the corrected request may be
  // sent with the same key.
  const create = (claim: (tx: Db) => Promise<boolean>) =>
    inTransaction(async (tx): Promise<CreateTransferIdempotentResult | null> => {
      if (!(await claim(tx))) return null;
      const transfer = await createTransfer(staff, input.body, { ...deps, db: tx });
      await setIdempotencyResult(id, JSON.stringify({ transferId: transfer.id }), tx);
      return { transfer, replayed: false };
    }, deps.db);
  try {
    const made = await create(async (tx) => {
      await insertIdempotencyKey(claimed, tx);
      return true;
    });
    if (made) return made;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  let row = await getIdempotencyKey(id, deps.db);
  if (row && row.createdAt < cutoff) {
    // Expired: as if absent. The take-over is conditional on the row still being expired, so of concurrent
    // requests with this key one makes the transfer and the others find its result below.
    const made = await create((tx) => replaceExpiredIdempotencyKey(claimed, cutoff, tx));
    if (made) return made;
    row = await getIdempotencyKey(id, deps.db);
  }
  if (!row || row.resultJson === null)
    throw new AppError("CONFLICT", "a request with this Idempotency-Key is in progress: retry");
  if (row.requestHash !== requestHash)
    throw new AppError("CONFLICT", "this Idempotency-Key was used for a request with another body");
  const transfer = await getTransfer((JSON.parse(row.resultJson) as { transferId: string }).transferId, deps.db);
  if (!transfer) throw new AppError("CONFLICT", "the transfer this Idempotency-Key created no longer exists");
  return { transfer, replayed: true };
}
