"use client";

import { useActionState } from "react";
import { secondaryButtonClass } from "@/app/_components/ui/button-link";
import { inputClass } from "@/app/_components/ui/field";
import { removeSourceAction, type RemoveSourceState } from "../actions";

const initial: RemoveSourceState = { error: null };

/** Remove a source, or mark it replaced by another import; the record stays in the audit log and its report stays readable. */
export function RemoveSource({
  transferId,
  sourceId,
  label,
  others,
}: {
  transferId: string;
  sourceId: string;
  label: string;
  others: { id: string; label: string }[];
}) {
  const [state, action, pending] = useActionState(removeSourceAction.bind(null, transferId, sourceId), initial);
  return (
    <details className="text-sm" data-testid="remove-source">
      <summary className="inline-flex min-h-6 cursor-pointer items-center underline">Remove or replace</summary>
      <form
        action={action}
        className="mt-2 grid gap-2 rounded border border-slate-200 bg-slate-50 p-3"
        data-testid="remove-source-form"
      >
        <label>
          <span className="block text-xs font-medium">Why is “{label}” removed?</span>
          <input
            name="reason"
            required
            minLength={3}
            maxLength={500}
            className={inputClass}
            data-testid="remove-reason"
          />
        </label>
        {others.length > 0 && (
          <label>
            <span className="block text-xs font-medium">Replaced by (optional)</span>
            <select name="replacedBy" className={inputClass} defaultValue="" data-testid="remove-replaced-by">
              <option value="">— not replaced</option>
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <p className="text-xs text-slate-700">
          The source leaves the diff and the next revision; its import report and the audit log keep it.
        </p>
        <button type="submit" className={secondaryButtonClass} disabled={pending} data-testid="remove-submit">
          {pending ? "Removing…" : "Remove source"}
        </button>
        {state.error && (
          <p role="alert" className="text-red-700">
            {state.error}
          </p>
        )}
      </form>
    </details>
  );
}
