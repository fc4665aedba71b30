"use client";

import { useActionState, useState, type ChangeEvent } from "react";
import { buttonClass } from "@/app/_components/ui/button-link";
import { Field, inputClass } from "@/app/_components/ui/field";
import { SharedFactsFields } from "../../_components/shared-facts-fields";
import { createPortfolioAction, type NewPortfolioState } from "../actions";

const initial: NewPortfolioState = { errors: {}, rowErrors: [], validRows: 0, values: {} };

export function NewPortfolioForm({ createKey }: { createKey: string }) {
  const [state, action, pending] = useActionState(createPortfolioAction, initial);
  const [members, setMembers] = useState(state.values.members ?? "");
  const [csvName, setCsvName] = useState("");

  // A CSV file is read into the same text field, so what is sent is what the person sees.
  async function readCsv(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setMembers(await file.text());
    setCsvName(file.name);
  }

  const v = state.values;
  return (
    <form action={action} className="space-y-6" data-testid="new-portfolio-form" key={JSON.stringify(v)}>
      <input type="hidden" name="createKey" value={v.createKey ?? createKey} />
      <Field label="Name" htmlFor="name" error={state.errors.name}>
        <input
          id="name"
          name="name"
          className={inputClass}
          required
          defaultValue={v.name}
          placeholder="ACME Corp. domains"
        />
      </Field>
      <Field
        label="Domains"
        htmlFor="members"
        error={state.errors.members}
        hint="One domain per line, or a CSV whose first line names the columns: domain, losing registrar, gaining registrar, current operator, future operator, hosting moves, new NS. Empty cells take the shared facts below."
      >
        <textarea
          id="members"
          name="members"
          className={`${inputClass} font-mono`}
          rows={8}
          value={members}
          onChange={(e) => setMembers(e.target.value)}
        />
      </Field>
      <label className="block text-sm">
        <span className="font-medium">…or choose a CSV file</span>
        <input
          type="file"
          accept=".csv,text/csv"
          className="mt-1 block text-sm"
          onChange={readCsv}
          data-testid="members-csv"
        />
        {csvName && <span className="text-xs text-slate-500">read {csvName}</span>}
      </label>
      {state.rowErrors.length > 0 && (
        <div className="rounded-md border border-red-300 bg-red-50 p-4" data-testid="row-errors">
          <p className="text-sm font-semibold text-red-900">
            {state.rowErrors.length} row(s) cannot become transfers
            {state.validRows > 0 ? `; ${state.validRows} row(s) are valid` : ""}:
          </p>
          <ul className="mt-2 space-y-1 text-sm text-red-900">
            {state.rowErrors.map((r) => (
              <li key={`${r.row}-${r.text}`} data-testid="row-error" data-row={r.row}>
                Row {r.row} ({r.text}): {r.errors.join("; ")}
              </li>
            ))}
          </ul>
          {state.validRows > 0 && (
            <label className="mt-3 flex items-center gap-2 text-sm font-medium text-red-900">
              <input type="checkbox" name="confirmPartial" value="yes" data-testid="confirm-partial" />
              Create the {state.validRows} valid row(s) only
            </label>
          )}
        </div>
      )}
      <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold">Shared facts (for every row that leaves them empty)</legend>
        <SharedFactsFields
          idPrefix=""
          values={v}
          errors={state.errors}
          hosting={{
            yes: "Yes, for every domain",
            no: "No, for every domain",
            empty: { label: "Each row says (hosting moves column)", testId: "rows" },
          }}
          nameServersHint="name=address, one per line; used for each domain's live check unless its row names its own."
        />
      </fieldset>
      {state.errors.form && (
        <p className="text-sm text-red-700" role="alert" data-testid="error-form">
          {state.errors.form}
        </p>
      )}
      <button type="submit" className={buttonClass} disabled={pending} data-testid="create-portfolio">
        {pending ? "Creating…" : "Create portfolio"}
      </button>
    </form>
  );
}
