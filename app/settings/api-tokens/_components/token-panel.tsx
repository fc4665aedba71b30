"use client";

import { useActionState } from "react";
import { secondaryButtonClass } from "@/app/_components/ui/button-link";
import { inputClass } from "@/app/_components/ui/field";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { CreateForm, ShownOnce } from "@/app/_components/create-with-secret";
import { createTokenAction, revokeTokenAction, type TokenState } from "../actions";

export interface TokenListItem {
  id: string;
  name: string;
  scope: "read" | "write";
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const initial: TokenState = { token: null, name: null, scope: null, error: null };

export function TokenPanel({ tokens }: { tokens: TokenListItem[] }) {
  const [state, action, pending] = useActionState(createTokenAction, initial);
  return (
    <div className="space-y-4">
      <CreateForm
        action={action}
        pending={pending}
        error={state.error}
        testId="token-form"
        submit={{ label: "Create token", testId: "create-token" }}
      >
        <label className="text-sm">
          Name
          <input
            name="name"
            required
            maxLength={100}
            placeholder="e.g. CI pipeline"
            className={`${inputClass} block`}
            data-testid="token-name"
          />
        </label>
        <label className="text-sm">
          Scope
          <select name="scope" defaultValue="read" className={`${inputClass} block`} data-testid="token-scope">
            <option value="read">read</option>
            <option value="write">write</option>
          </select>
        </label>
      </CreateForm>
      {state.token && (
        <ShownOnce value={state.token} label="API token" testId="new-token" valueTestId="new-token-value" copy={{}}>
          <p className="mb-2">
            <strong>{state.name}</strong> ({state.scope}) — shown once; only its hash is kept. Store it where your
            script reads secrets.
          </p>
        </ShownOnce>
      )}
      {tokens.length > 0 && (
        <table className="w-full text-left text-sm" data-testid="token-list">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1 font-medium">Name</th>
              <th className="py-1 font-medium">Scope</th>
              <th className="py-1 font-medium">Created</th>
              <th className="py-1 font-medium">Last used</th>
              <th className="py-1 font-medium">Status</th>
              <th />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {tokens.map((t) => (
              <tr key={t.id} data-testid="token-item" data-name={t.name}>
                <td className="py-2 font-medium">{t.name}</td>
                <td className="py-2">{t.scope}</td>
                <td className="py-2">
                  {t.createdAt} by {t.createdBy}
                </td>
                <td className="py-2" data-testid="token-last-used">
                  {t.lastUsedAt ?? "never"}
                </td>
                <td className="py-2" data-testid="token-status">
                  {t.revokedAt ? `revoked ${t.revokedAt}` : "active"}
                </td>
                <td className="py-2 text-right">
                  {!t.revokedAt && (
                    <form action={revokeTokenAction}>
                      <input type="hidden" name="tokenId" value={t.id} />
                      <SubmitButton className={secondaryButtonClass} data-testid="revoke-token">
                        Revoke
                      </SubmitButton>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
