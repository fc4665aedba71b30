"use client";

import { useActionState } from "react";
import { secondaryButtonClass } from "@/app/_components/ui/button-link";
import { inputClass } from "@/app/_components/ui/field";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { CreateForm, ShownOnce } from "@/app/_components/create-with-secret";
import { createWebhookAction, deleteWebhookAction, type WebhookState } from "../actions";

const initial: WebhookState = { url: null, secret: null, error: null };

export function WebhookPanel({
  endpoints,
}: {
  endpoints: { id: string; url: string; createdBy: string; createdAt: string }[];
}) {
  const [state, action, pending] = useActionState(createWebhookAction, initial);
  return (
    <div className="space-y-4">
      <CreateForm
        action={action}
        pending={pending}
        error={state.error}
        testId="webhook-form"
        submit={{ label: "Add webhook", testId: "create-webhook" }}
      >
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
      </CreateForm>
      {state.secret && (
        <ShownOnce value={state.secret} label="Signing secret" testId="new-webhook" valueTestId="new-webhook-secret">
          <p className="mb-2">
            Signing secret for {state.url} — shown once. Give it to the receiver to check signatures.
          </p>
        </ShownOnce>
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
                <SubmitButton className={secondaryButtonClass} data-testid="delete-webhook">
                  Delete
                </SubmitButton>
              </form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
