"use client";

import { useActionState } from "react";
import { CreateForm, ShownOnce } from "@/app/_components/create-with-secret";
import { inputClass } from "@/app/_components/ui/field";
import { PARTY_ROLES, PARTY_ROLE_LABELS } from "@/lib/schedule/parties";
import { createLinkAction, type LinkState } from "../actions";

const initial: LinkState = { url: null, role: null, error: null };

export function LinkForm({ transferId }: { transferId: string }) {
  const [state, action, pending] = useActionState(createLinkAction.bind(null, transferId), initial);
  return (
    <div className="space-y-3">
      <CreateForm
        action={action}
        pending={pending}
        error={state.error}
        testId="link-form"
        align="center"
        submit={{ label: "Create sign-off link", testId: "create-link" }}
      >
        <select
          name="role"
          aria-label="Role"
          className={`${inputClass} max-w-xs`}
          data-testid="link-role"
          defaultValue=""
        >
          <option value="" disabled>
            Role…
          </option>
          {PARTY_ROLES.map((r) => (
            <option key={r} value={r}>
              {PARTY_ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </CreateForm>
      {state.url && (
        <ShownOnce
          value={state.url}
          label="Sign-off URL"
          testId="new-link"
          valueTestId="new-link-url"
          copy={{ testId: "copy-link" }}
        >
          <p className="mb-2">
            Link for <strong data-testid="new-link-role">{state.role}</strong> — shown once; only its hash is kept. Send
            it to that person only.
          </p>
          {state.mail && (
            <p className="mb-2" data-testid="new-link-mail">
              {state.mail}
            </p>
          )}
        </ShownOnce>
      )}
    </div>
  );
}
