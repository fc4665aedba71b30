"use client";

import { useActionState } from "react";
import type { TransferFacts } from "@/lib/db/update-transfer";
import { buttonClass } from "@/app/_components/ui/button-link";
import { Field, inputClass } from "@/app/_components/ui/field";
import { updateFactsAction, type FactsState } from "../actions";

const TEXT_FIELDS = [
  ["losingRegistrar", "Losing registrar"],
  ["gainingRegistrar", "Gaining registrar"],
  ["currentDnsOperator", "Current DNS operator"],
  ["futureDnsOperator", "Future DNS operator"],
] as const;

const initial: FactsState = { errors: {}, saved: null };

/** Edit the transfer's facts; each change is logged old → new and the checklist then needs a new revision. */
export function FactsForm({ transferId, facts }: { transferId: string; facts: TransferFacts }) {
  const [state, action, pending] = useActionState(updateFactsAction.bind(null, transferId), initial);
  return (
    <form action={action} className="space-y-4" data-testid="facts-form" key={JSON.stringify(facts)}>
      <div className="grid gap-4 sm:grid-cols-2">
        {TEXT_FIELDS.map(([name, label]) => (
          <Field key={name} label={label} htmlFor={`edit-${name}`} error={state.errors[name]}>
            <input
              id={`edit-${name}`}
              name={name}
              className={inputClass}
              required
              maxLength={200}
              defaultValue={facts[name]}
            />
          </Field>
        ))}
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Does DNS hosting move to the gaining side?</legend>
        <div className="flex flex-wrap gap-6">
          {(["yes", "no"] as const).map((v) => (
            <label key={v} className="flex min-h-6 items-center gap-2 text-sm">
              <input
                type="radio"
                name="dnsHostingMoves"
                value={v}
                className="h-5 w-5"
                defaultChecked={facts.dnsHostingMoves === (v === "yes")}
                data-testid={`edit-dns-moves-${v}`}
              />
              {v === "yes" ? "Yes" : "No"}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass} disabled={pending} data-testid="save-facts">
          {pending ? "Saving…" : "Save facts"}
        </button>
        {state.errors.form && (
          <p role="alert" className="text-sm text-red-700">
            {state.errors.form}
          </p>
        )}
        {state.saved && (
          <p role="status" className="text-sm text-slate-800" data-testid="facts-saved">
            {state.saved.length
              ? `Saved (logged): ${state.saved.join("; ")}. The checklist needs a new revision.`
              : "Nothing changed."}
          </p>
        )}
      </div>
    </form>
  );
}
