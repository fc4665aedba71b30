/**
 * CUTOVER_IDEMPOTENCY_HOURS: how long an `Idempotency-Key` is kept (default 24, a whole number ≥ 1). The draft
 * (draft-ietf-httpapi-idempotency-key-header, "Idempotency Key Validity and Expiry") leaves the lifetime to the
 * server; a key older than this counts as never used (lib/app/transfers/create-transfer-idempotent.ts) and the
 * notification sweep deletes it (lib/app/notifications/sweep.ts). A bad value falls back to the default.
 */
import { z } from "zod";
import { readEnvironment, type Environment } from "./environment";

export const DEFAULT_IDEMPOTENCY_HOURS = 24;

const hoursSchema = z.coerce.number().int().min(1);

export function idempotencyHours(env: Environment = readEnvironment()): number {
  const raw = env.CUTOVER_IDEMPOTENCY_HOURS;
  const r = hoursSchema.safeParse(raw === undefined || raw.trim() === "" ? undefined : raw);
  return r.success ? r.data : DEFAULT_IDEMPOTENCY_HOURS;
}

/** Keys created before this instant have expired at `now`. */
export function idempotencyCutoff(now: Date, env: Environment = readEnvironment()): Date {
  return new Date(now.getTime() - idempotencyHours(env) * 3600_000);
}
