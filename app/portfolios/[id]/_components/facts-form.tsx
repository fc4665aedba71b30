"use client";

import { useActionState } from "react";
import { buttonClass } from "@/app/_components/ui/button-link";
import { Field, inputClass } from "@/app/_components/ui/field";
import { updateFactsAction, type FactsState } from "../actions";

export interface SharedFactsValues {
  losingRegistrar: string;
  gainingRegistrar: string;
  currentDnsOperator: string;
  futureDnsOperator: string;
  dnsHostingMoves: "" | "yes" | "no";
  newNameServers: string;
}

const facts = [
  ["losingRegistrar", "Losing registrar"],
  ["gainingRegistrar", "Gaining registrar"],
  ["currentDnsOperator", "Current DNS operator"],
  ["futureDnsOperator", "Future DNS operator"],
] as const;

/** Edit once, written onto every member (a field left empty stays as each member has it). */
export function FactsForm({ portfolioId, values }: { portfolioId: string; values: SharedFactsValues }) {
  const [state, action, pending] = useActionState(updateFactsAction.bind(null, portfolioId), {
    message: "",
    error: "",
  } as FactsState);
  return (
    <form action={action} className="space-y-4" data-testid="facts-form">
      <div className="grid gap-4 sm:grid-cols-2">
        {facts.map(([name, label]) => (
          <Field key={name} label={label} htmlFor={`facts-${name}`}>
            <input
              id={`facts-${name}`}
              name={name}
              className={inputClass}
              defaultValue={values[name]}
              placeholder="as each member has it"
            />
          </Field>
        ))}
      </div>
      <fieldset className="flex flex-wrap gap-6 text-sm">
        <legend className="mb-1 text-sm font-medium">Does DNS hosting move to the gaining side?</legend>
        {(
          [
            ["yes", "Yes, for every member"],
            ["no", "No, for every member"],
            ["", "As each member has it"],
          ] as const
        ).map(([v, label]) => (
          <label key={v || "keep"} className="flex items-center gap-2">
            <input
              type="radio"
              name="dnsHostingMoves"
              value={v}
              defaultChecked={values.dnsHostingMoves === v}
              data-testid={`facts-dns-moves-${v || "keep"}`}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <Field
        label="New operator's name servers"
        htmlFor="facts-newNameServers"
        hint="name=address, one per line: each member's live check queries these unless its CSV row named its own."
      >
        <textarea
          id="facts-newNameServers"
          name="newNameServers"
          rows={2}
          className={`${inputClass} font-mono`}
          defaultValue={values.newNameServers}
        />
      </Field>
      <div className="flex items-center gap-4">
        <button type="submit" className={buttonClass} disabled={pending} data-testid="save-facts">
          {pending ? "Saving…" : "Save for all members"}
        </button>
        {state.message && (
          <span className="text-sm text-emerald-800" data-testid="facts-saved">
            {state.message}
          </span>
        )}
        {state.error && (
          <span role="alert" className="text-sm text-red-700" data-testid="facts-error">
            {state.error}
          </span>
        )}
      </div>
    </form>
  );
}
