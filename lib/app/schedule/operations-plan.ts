/**
 * The operations plan (DESIGN §6 OPS): monitoring, rollback, how long the old
 * zone is kept, the DNSSEC plan. Validated with the facts schema of
 * lib/checks (OperationsPlanSchema), so the browser states exactly what a
 * pipeline's --facts file would.
 */
import { z } from "zod";
import { operationsPlanSchema as OperationsPlanSchema, type OperationsPlan } from "../../checks/facts";
import { getDb, type Db } from "../../db/client";
import { getTransfer } from "../../db/get-transfer";
import { getOperationsPlanRow, saveOperationsPlanRow, type OperationsPlanRow } from "../../db/operations-plan";

const DNSSEC_PLANS = ["multi-signer", "remove-ds", "unsigned"] as const;

export function operationsPlanFromRow(row: OperationsPlanRow | null): OperationsPlan {
  if (row === null) return {};
  const plan = row.dnssecPlan as (typeof DNSSEC_PLANS)[number] | null;
  return {
    ...(row.monitoringPlan ? { monitoring: { plan: row.monitoringPlan, ...(row.monitoringBy ? { by: row.monitoringBy } : {}) } } : {}),
    ...(row.rollbackSteps && row.rollbackAssumedSeconds !== null ? { rollback: { steps: row.rollbackSteps, assumedSeconds: row.rollbackAssumedSeconds } } : {}),
    ...(row.oldZoneKeptUntil ? { oldZoneKeptUntil: row.oldZoneKeptUntil.toISOString() } : {}),
    ...(plan && DNSSEC_PLANS.includes(plan) ? { dnssecPlan: plan } : {}),
  };
}

export async function loadOperationsPlan(transferId: string, db: Db = getDb()): Promise<OperationsPlan> {
  return operationsPlanFromRow(await getOperationsPlanRow(transferId, db));
}

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The form's fields (strings from a form, all optional: a blank field states nothing). */
export const operationsPlanInputSchema = z.strictObject({
  monitoringPlan: z.preprocess(blank, z.string().optional()),
  monitoringBy: z.preprocess(blank, z.string().optional()),
  rollbackSteps: z.preprocess(blank, z.string().optional()),
  /** Hours until everyone sees the old NS again after a rollback. */
  rollbackAssumedHours: z.preprocess(blank, z.coerce.number().min(0).max(365 * 24).optional()),
  oldZoneKeptUntil: z.preprocess(blank, z.string().optional()),
  dnssecPlan: z.preprocess(blank, z.enum(DNSSEC_PLANS).optional()),
});

export type SaveOperationsPlanResult = { ok: true; plan: OperationsPlan } | { ok: false; error: "not-found" } | { ok: false; error: "invalid"; issues: { path: string; message: string }[] };

const issuesOf = (e: z.ZodError) => e.issues.map((i) => ({ path: i.path.join("."), message: i.message }));

export async function saveOperationsPlan(options: { transferId: string; input: unknown; db?: Db }): Promise<SaveOperationsPlanResult> {
  const db = options.db ?? getDb();
  if ((await getTransfer(options.transferId, db)) === null) return { ok: false, error: "not-found" };
  const form = operationsPlanInputSchema.safeParse(options.input);
  if (!form.success) return { ok: false, error: "invalid", issues: issuesOf(form.error) };
  const f = form.data;
  if ((f.rollbackSteps === undefined) !== (f.rollbackAssumedHours === undefined))
    return { ok: false, error: "invalid", issues: [{ path: f.rollbackSteps === undefined ? "rollbackSteps" : "rollbackAssumedHours", message: "a rollback needs its steps and the time it assumes" }] };
  if (f.monitoringBy !== undefined && f.monitoringPlan === undefined) return { ok: false, error: "invalid", issues: [{ path: "monitoringPlan", message: "say what is monitored" }] };
  const parsed = OperationsPlanSchema.safeParse({
    ...(f.monitoringPlan !== undefined ? { monitoring: { plan: f.monitoringPlan, ...(f.monitoringBy !== undefined ? { by: f.monitoringBy } : {}) } } : {}),
    ...(f.rollbackSteps !== undefined && f.rollbackAssumedHours !== undefined ? { rollback: { steps: f.rollbackSteps, assumedSeconds: Math.round(f.rollbackAssumedHours * 3600) } } : {}),
    ...(f.oldZoneKeptUntil !== undefined ? { oldZoneKeptUntil: f.oldZoneKeptUntil } : {}),
    ...(f.dnssecPlan !== undefined ? { dnssecPlan: f.dnssecPlan } : {}),
  });
  if (!parsed.success) return { ok: false, error: "invalid", issues: issuesOf(parsed.error) };
  const p = parsed.data;
  await saveOperationsPlanRow(
    {
      transferId: options.transferId,
      monitoringPlan: p.monitoring?.plan ?? null,
      monitoringBy: p.monitoring?.by ?? null,
      rollbackSteps: p.rollback?.steps ?? null,
      rollbackAssumedSeconds: p.rollback?.assumedSeconds ?? null,
      oldZoneKeptUntil: p.oldZoneKeptUntil ? new Date(p.oldZoneKeptUntil) : null,
      dnssecPlan: p.dnssecPlan ?? null,
    },
    db,
  );
  return { ok: true, plan: p };
}
