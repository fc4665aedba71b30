"use client";

import { useActionState, useState } from "react";
import { buttonClass, secondaryButtonClass } from "@/app/_components/ui/button-link";
import { inputClass } from "@/app/_components/ui/field";
import { PARTY_ROLES, PARTY_ROLE_LABELS } from "@/lib/schedule/parties";
import { createLinkAction, type LinkState } from "../actions";

const initial: LinkState = { url: null, role: null, error: null };

export function LinkForm({ transferId }: { transferId: string }) {
  const [state, action, pending] = useActionState(createLinkAction.bind(null, transferId), initial);
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap items-center gap-2" data-testid="link-form">
        <select name="role" aria-label="Role" className={`${inputClass} max-w-xs`} data-testid="link-role" defaultValue="">
          <option value="" disabled>
            Role…
          </option>
          {PARTY_ROLES.map((r) => (
            <option key={r} value={r}>
              {PARTY_ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <button className={buttonClass} disabled={pending} data-testid="create-link">
          Create sign-off link
        </button>
        {state.error && <span className="text-sm text-red-700">{state.error}</span>}
      </form>
      {state.url && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="new-link">
          <p className="mb-2">
            Link for <strong data-testid="new-link-role">{state.role}</strong> — shown once; only its hash is kept. Send it to that person only.
          </p>
          {state.mail && (
            <p className="mb-2" data-testid="new-link-mail">
              {state.mail}
            </p>
          )}
          <div className="flex gap-2">
            <input readOnly value={state.url} className={`${inputClass} font-mono`} data-testid="new-link-url" aria-label="Sign-off URL" />
            <button
              type="button"
              className={secondaryButtonClass}
              data-testid="copy-link"
              onClick={() => navigator.clipboard?.writeText(state.url!).then(() => setCopied(true), () => setCopied(false))}
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
