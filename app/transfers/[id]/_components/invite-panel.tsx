"use client";

import { useActionState } from "react";
import { CreateForm, ShownOnce } from "@/app/_components/create-with-secret";
import { secondaryButtonClass } from "@/app/_components/ui/button-link";
import { inputClass } from "@/app/_components/ui/field";
import { createInviteAction, revokeInviteAction, type InviteState } from "../actions";
import { SubmitButton } from "@/app/_components/ui/submit-button";

export interface InviteListItem {
  id: string;
  label: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

const initial: InviteState = { url: null, label: null, expiresAt: null, error: null };

function status(i: InviteListItem, now: number): string {
  if (i.revokedAt) return `revoked ${i.revokedAt.slice(0, 16).replace("T", " ")} UTC`;
  if (Date.parse(i.expiresAt) <= now) return "expired";
  return `valid until ${i.expiresAt.slice(0, 16).replace("T", " ")} UTC`;
}

/** Invite the domain's maintainer to upload exports and answer the owner's questions for this transfer only. */
export function InvitePanel({
  transferId,
  invites,
  now,
}: {
  transferId: string;
  invites: InviteListItem[];
  now: number;
}) {
  const [state, action, pending] = useActionState(createInviteAction.bind(null, transferId), initial);
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        The maintainer can upload exports and answer the owner&apos;s questions (does DNS hosting move, contacts, on
        call) for this transfer — nothing else.
      </p>
      <CreateForm
        action={action}
        pending={pending}
        error={state.error}
        testId="invite-form"
        submit={{ label: "Create invite link", testId: "create-invite" }}
      >
        <label className="text-sm">
          For
          <input
            name="label"
            required
            maxLength={200}
            placeholder="e.g. Jane, owner's IT"
            className={`${inputClass} block`}
            data-testid="invite-label"
          />
        </label>
        <label className="text-sm">
          E-mail (optional)
          <input
            name="email"
            type="email"
            maxLength={320}
            placeholder="send the link to…"
            className={`${inputClass} block`}
            data-testid="invite-email"
          />
        </label>
        <label className="text-sm">
          Valid for
          <select name="days" defaultValue="14" className={`${inputClass} block`} data-testid="invite-days">
            <option value="1">1 day</option>
            <option value="7">7 days</option>
            <option value="14">14 days</option>
            <option value="30">30 days</option>
          </select>
        </label>
      </CreateForm>
      {state.url && (
        <ShownOnce
          value={state.url}
          label="Invite URL"
          testId="new-invite"
          valueTestId="new-invite-url"
          copy={{ testId: "copy-invite" }}
        >
          <p className="mb-2">
            Invite for <strong>{state.label}</strong>, valid until{" "}
            <span data-testid="new-invite-expires">{state.expiresAt!.slice(0, 16).replace("T", " ")} UTC</span> — shown
            once; only its hash is kept. Send it to that person only.
          </p>
          {state.mail && (
            <p className="mb-2" data-testid="new-invite-mail">
              {state.mail}
            </p>
          )}
        </ShownOnce>
      )}
      {invites.length > 0 && (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 text-sm" data-testid="invite-list">
          {invites.map((i) => (
            <li
              key={i.id}
              className="flex items-center justify-between gap-3 px-3 py-2"
              data-testid="invite-item"
              data-label={i.label}
            >
              <span>
                <strong>{i.label}</strong> · <span data-testid="invite-status">{status(i, now)}</span>
              </span>
              {!i.revokedAt && Date.parse(i.expiresAt) > now && (
                <form action={revokeInviteAction.bind(null, transferId)}>
                  <input type="hidden" name="inviteId" value={i.id} />
                  <SubmitButton className={secondaryButtonClass} data-testid="revoke-invite" pendingText="Revoking…">
                    Revoke
                  </SubmitButton>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
