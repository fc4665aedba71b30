"use client";

import { useActionState } from "react";
import { buttonClass } from "@/app/_components/ui/button-link";
import { SharedFactsFields } from "../../_components/shared-facts-fields";
import { updateFactsAction, type FactsState } from "../actions";

export interface SharedFactsValues {
  losingRegistrar: string;
  gainingRegistrar: string;
  currentDnsOperator: string;
  futureDnsOperator: string;
  dnsHostingMoves: "" | "yes" | "no";
  newNameServers: string;
}

/** Edit once, written onto every member (a field left empty stays as each member has it). */
export function FactsForm({ portfolioId, values }: { portfolioId: string; values: SharedFactsValues }) {
  const [state, action, pending] = useActionState(updateFactsAction.bind(null, portfolioId), {
    message: "",
    error: "",
  } as FactsState);
  return (
    <form action={action} className="space-y-4" data-testid="facts-form">
      <SharedFactsFields
        idPrefix="facts-"
        values={values}
        placeholder="as each member has it"
        hosting={{
          yes: "Yes, for every member",
          no: "No, for every member",
          empty: { label: "As each member has it", testId: "keep" },
        }}
        nameServersHint="name=address, one per line: each member's live check queries these unless its CSV row named its own."
      />
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
