/**
 * The operations plan (DESIGN §6 OPS): monitoring, rollback, how long the old
 * zone is kept, the DNSSEC plan. Validated with the facts schema of
 * lib/checks (OperationsPlanSchema), so the browser states exactly what a
 * pipeline's --facts file would.
 */
import { z } from "zod";
import { operationsPlanSchema as OperationsPlanSchema, type OperationsPlan } from "../../checks/facts";
import { getDb, type Db } from "../../db/client";
import type { Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { invalidInput, issuesOf, type Deps } from "../use-case";
import { getOperationsPlanRow, saveOperationsPlanRow, type OperationsPlanRow } from "../../db/operations-plan";

const DNSSEC_PLANS = ["multi-signer", "remove-ds", "unsigned"] as const;

export function operationsPlanFromRow(row: OperationsPlanRow | null): OperationsPlan {
  if (row === null) return {};
  const plan = row.dnssecPlan as (typeof DNSSEC_PLANS)[number] | null;
  return {
    ...(row.monitoringPlan
      ? { monitoring: { plan: row.monitoringPlan, ...(row.monitoringBy ? { by: row.monitoringBy } : {}) } }
      : {}),
    ...(row.rollbackSteps && row.rollbackAssumedSeconds !== null
      ? { rollback: { steps: row.rollbackSteps, assumedSeconds: row.rollbackAssumedSeconds } }
      : {}),
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
  rollbackAssumedHours: z.preprocess(
    blank,
    z.coerce
      .number()
      .min(0)
      .max(365 * 24)
      .optional(),
  ),
  oldZoneKeptUntil: z.preprocess(blank, z.string().optional()),
  dnssecPlan: z.preprocess(blank, z.enum(DNSSEC_PLANS).optional()),
});

/** Staff of the owning organisation; `input.input` is the form (operationsPlanInputSchema). Returns the plan as stored. */
export async function saveOperationsPlan(
  actor: Actor | null,
  input: { transferId: string; input: unknown },
  deps: Deps = {},
): Promise<OperationsPlan> {
  const db: Db = deps.db ?? getDb();
  await requireStaff(actor, input.transferId, db);
  const form = operationsPlanInputSchema.safeParse(input.input);
  if (!form.success) throw invalidInput(issuesOf(form.error));
  const f = form.data;
  if ((f.rollbackSteps === undefined) !== (f.rollbackAssumedHours === undefined))
    throw invalidInput([
      {
        path: f.rollbackSteps === undefined ? "rollbackSteps" : "rollbackAssumedHours",
        message: "a rollback needs its steps and the time it assumes",
      },
    ]);
  if (f.monitoringBy !== undefined && f.monitoringPlan === undefined)
    throw invalidInput([{ path: "monitoringPlan", message: "say what is monitored" }]);
  const parsed = OperationsPlanSchema.safeParse({
    ...(f.monitoringPlan !== undefined
      ? { monitoring: { plan: f.monitoringPlan, ...(f.monitoringBy !== undefined ? { by: f.monitoringBy } : {}) } }
      : {}),
    ...(f.rollbackSteps !== undefined && f.rollbackAssumedHours !== undefined
      ? { rollback: { steps: f.rollbackSteps, assumedSeconds: Math.round(f.rollbackAssumedHours * 3600) } }
      : {}),
    ...(f.oldZoneKeptUntil !== undefined ? { oldZoneKeptUntil: f.oldZoneKeptUntil } : {}),
    ...(f.dnssecPlan !== undefined ? { dnssecPlan: f.dnssecPlan } : {}),
  });
  if (!parsed.success) throw invalidInput(issuesOf(parsed.error));
  const p = parsed.data;
  await saveOperationsPlanRow(
    {
      transferId: input.transferId,
      monitoringPlan: p.monitoring?.plan ?? null,
      monitoringBy: p.monitoring?.by ?? null,
      rollbackSteps: p.rollback?.steps ?? null,
      rollbackAssumedSeconds: p.rollback?.assumedSeconds ?? null,
      oldZoneKeptUntil: p.oldZoneKeptUntil ? new Date(p.oldZoneKeptUntil) : null,
      dnssecPlan: p.dnssecPlan ?? null,
    },
    db,
  );
  return p;
}
