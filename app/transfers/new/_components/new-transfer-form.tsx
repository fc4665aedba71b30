"use client";

import Link from "next/link";
import { useActionState } from "react";
import { buttonClass } from "@/app/_components/ui/button-link";
import { Field, inputClass } from "@/app/_components/ui/field";
import { createTransferAction } from "../actions";
import type { NewTransferState } from "../actions";

const initial: NewTransferState = { errors: {}, values: {} };

const parties = [
  ["losingRegistrar", "Losing registrar", "The registrar the domain leaves"],
  ["gainingRegistrar", "Gaining registrar", "The registrar the domain moves to"],
  [
    "currentDnsOperator",
    "Current DNS operator",
    "Who serves the zone today (e.g. the registrar, Route 53, Cloudflare)",
  ],
  ["futureDnsOperator", "Future DNS operator", "Who serves the zone after the move (may be the same)"],
] as const;

export function NewTransferForm() {
  const [state, action, pending] = useActionState(createTransferAction, initial);
  const answer = state.values.dnsHostingMoves;
  return (
    // key: remount after a failed submit so defaultValue/defaultChecked show what was sent.
    <form
      action={action}
      className="space-y-6"
      data-testid="new-transfer-form"
      noValidate={false}
      key={JSON.stringify(state.values)}
    >
      <Field
        label="Domain"
        htmlFor="domain"
        error={state.errors.domain}
        hint="Internationalised names are fine: bücher.example or xn--bcher-kva.example"
      >
        <input
          id="domain"
          name="domain"
          className={inputClass}
          required
          autoComplete="off"
          placeholder="example.com"
          defaultValue={state.values.domain}
        />
      </Field>
      <div className="grid gap-6 sm:grid-cols-2">
        {parties.map(([name, label, hint]) => (
          <Field key={name} label={label} htmlFor={name} error={state.errors[name]} hint={hint}>
            <input id={name} name={name} className={inputClass} required defaultValue={state.values[name]} />
          </Field>
        ))}
      </div>
      <fieldset
        className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4"
        data-testid="dns-hosting-question"
      >
        <legend className="px-1 text-sm font-semibold text-amber-900">
          Does DNS hosting move to the gaining side?
        </legend>
        <p className="text-sm text-amber-900">
          There is no default: if hosting moves, the new operator must serve every record before the switch; if it does
          not, the name servers must stay exactly as they are.
        </p>
        <div className="flex gap-6">
          {(["yes", "no"] as const).map((v) => (
            <label key={v} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="dnsHostingMoves"
                value={v}
                required
                defaultChecked={answer === v}
                data-testid={`dns-moves-${v}`}
              />
              {v === "yes" ? "Yes, DNS hosting moves" : "No, DNS stays where it is"}
            </label>
          ))}
        </div>
        {state.errors.dnsHostingMoves && (
          <p className="text-sm text-red-700" role="alert" data-testid="error-dnsHostingMoves">
            {state.errors.dnsHostingMoves}
          </p>
        )}
      </fieldset>
      {state.duplicates && state.duplicates.length > 0 ? (
        <div
          className="space-y-3 rounded-md border border-amber-400 bg-amber-50 p-4 text-sm text-amber-950"
          role="alert"
          data-testid="duplicate-warning"
        >
          <p className="font-semibold">
            An open transfer for {state.duplicates[0].domain} exists
            {state.duplicates.length > 1 ? ` (${state.duplicates.length} of them)` : ""}.
          </p>
          <ul className="list-disc pl-5">
            {state.duplicates.map((d) => (
              <li key={d.id}>
                <Link href={`/transfers/${d.id}`} className="underline" data-testid="open-existing">
                  Open the transfer created {d.createdAt.slice(0, 16).replace("T", " ")} UTC
                </Link>
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap gap-3">
            <button
              type="submit"
              name="confirmDuplicate"
              value="yes"
              className={buttonClass}
              disabled={pending}
              data-testid="confirm-duplicate"
            >
              {pending ? "Creating…" : "Create a second transfer anyway"}
            </button>
          </div>
        </div>
      ) : (
        <button type="submit" className={buttonClass} disabled={pending} data-testid="create-transfer">
          {pending ? "Creating…" : "Create transfer"}
        </button>
      )}
    </form>
  );
}
