"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass, secondaryButtonClass } from "@/app/_components/ui/button-link";
import { inputClass } from "@/app/_components/ui/field";
import { createWebhookAction, deleteWebhookAction, type WebhookState } from "../actions";

const initial: WebhookState = { url: null, secret: null, error: null };

function DeleteButton() {
  const { pending } = useFormStatus();
  return (
    <button className={secondaryButtonClass} disabled={pending} data-testid="delete-webhook">
      Delete
    </button>
  );
}

export function WebhookPanel({
  endpoints,
}: {
  endpoints: { id: string; url: string; createdBy: string; createdAt: string }[];
}) {
  const [state, action, pending] = useActionState(createWebhookAction, initial);
  return (
    <div className="space-y-4">
      <form action={action} className="flex flex-wrap items-end gap-2" data-testid="webhook-form">
        <label className="text-sm">
          URL
          <input
            name="url"
            type="url"
            required
            maxLength={2000}
            placeholder="https://chat.example/hooks/…"
            className={`${inputClass} block w-96`}
            data-testid="webhook-url"
          />
        </label>
        <button className={buttonClass} disabled={pending} data-testid="create-webhook">
          Add webhook
        </button>
        {state.error && (
          <span className="text-sm text-red-700" role="alert">
            {state.error}
          </span>
        )}
      </form>
      {state.secret && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="new-webhook">
          <p className="mb-2">
            Signing secret for {state.url} — shown once. Give it to the receiver to check signatures.
          </p>
          <input
            readOnly
            value={state.secret}
            className={`${inputClass} font-mono`}
            data-testid="new-webhook-secret"
            aria-label="Signing secret"
          />
        </div>
      )}
      {endpoints.length > 0 && (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 text-sm" data-testid="webhook-list">
          {endpoints.map((e) => (
            <li key={e.id} className="flex items-center justify-between gap-3 px-3 py-2" data-testid="webhook-item">
              <span>
                <span className="font-mono">{e.url}</span> · added {e.createdAt} by {e.createdBy}
              </span>
              <form action={deleteWebhookAction}>
                <input type="hidden" name="webhookId" value={e.id} />
                <DeleteButton />
              </form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
