"use client";

import { useActionState, useEffect, useState } from "react";
import { buttonClass } from "@/app/_components/ui/button-link";
import { Field, inputClass } from "@/app/_components/ui/field";
import { saveOperationsPlanAction, type FormState } from "../actions";

export interface OperationsValues {
  monitoringPlan: string;
  monitoringBy: string;
  rollbackSteps: string;
  /** Hours, as entered. */
  rollbackAssumedHours: string;
  oldZoneKeptUntil: string | null;
  dnssecPlan: string;
}

const initial: FormState = { ok: false, message: "", issues: [] };

function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The OPS facts only people can state (DESIGN §6); the next live check judges them. */
export function OperationsForm({
  transferId,
  values,
  rollbackNeededHours,
}: {
  transferId: string;
  values: OperationsValues;
  rollbackNeededHours: number | null;
}) {
  const [state, action, pending] = useActionState(saveOperationsPlanAction.bind(null, transferId), initial);
  const [keptUntil, setKeptUntil] = useState("");
  useEffect(() => setKeptUntil(toLocalInput(values.oldZoneKeptUntil)), [values.oldZoneKeptUntil]);
  const issue = (path: string) => state.issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;
  return (
    <form action={action} className="space-y-4" data-testid="operations-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Monitoring plan"
          htmlFor="monitoring-plan"
          error={issue("monitoringPlan") ?? issue("monitoring")}
          hint="What is watched during and after the switch (resolution, mail flow, certificates)."
        >
          <textarea
            id="monitoring-plan"
            name="monitoringPlan"
            rows={2}
            className={inputClass}
            defaultValue={values.monitoringPlan}
          />
        </Field>
        <Field label="Monitored by" htmlFor="monitoring-by">
          <input id="monitoring-by" name="monitoringBy" className={inputClass} defaultValue={values.monitoringBy} />
        </Field>
        <Field
          label="Rollback steps"
          htmlFor="rollback-steps"
          error={issue("rollbackSteps") ?? issue("rollback")}
          hint="Who restores the old NS at the registrar, and how."
        >
          <textarea
            id="rollback-steps"
            name="rollbackSteps"
            rows={2}
            className={inputClass}
            defaultValue={values.rollbackSteps}
          />
        </Field>
        <Field
          label="Rollback reaches everyone after (hours)"
          htmlFor="rollback-hours"
          error={issue("rollbackAssumedHours")}
          hint={
            rollbackNeededHours === null
              ? "The new NS stay cached for the parent NS TTL."
              : `The measured TTLs need at least ${rollbackNeededHours} h.`
          }
        >
          <input
            id="rollback-hours"
            name="rollbackAssumedHours"
            inputMode="decimal"
            className={inputClass}
            defaultValue={values.rollbackAssumedHours}
          />
        </Field>
        <Field
          label="Old zone kept until"
          htmlFor="old-zone-kept"
          error={issue("oldZoneKeptUntil")}
          hint="Your time zone; stored in UTC."
        >
          <input
            id="old-zone-kept"
            type="datetime-local"
            className={inputClass}
            value={keptUntil}
            onChange={(e) => setKeptUntil(e.target.value)}
          />
        </Field>
        <Field label="DNSSEC plan" htmlFor="dnssec-plan" error={issue("dnssecPlan")}>
          <select id="dnssec-plan" name="dnssecPlan" className={inputClass} defaultValue={values.dnssecPlan}>
            <option value="">not stated</option>
            <option value="unsigned">the zone is unsigned</option>
            <option value="multi-signer">multi-signer (RFC 8901)</option>
            <option value="remove-ds">remove the DS, wait its TTL, then switch</option>
          </select>
        </Field>
      </div>
      <input type="hidden" name="oldZoneKeptUntil" value={keptUntil ? new Date(keptUntil).toISOString() : ""} />
      <div className="flex items-center gap-4">
        <button className={buttonClass} disabled={pending} data-testid="save-operations">
          Save operations plan
        </button>
        {state.message && (
          <p
            role="status"
            data-testid="operations-status"
            className={state.ok ? "text-sm text-green-700" : "text-sm text-red-700"}
          >
            {state.message}
            {state.issues.map((i) => ` · ${i.path}: ${i.message}`).join("")}
          </p>
        )}
      </div>
    </form>
  );
}
