"use client";

import { useActionState, useState } from "react";
import { buttonClass } from "@/app/_components/ui/button-link";
import { Field, inputClass } from "@/app/_components/ui/field";
import { signAction, type SignState } from "../actions";

const initial: SignState = { ok: false, message: "" };

/** `noGo`: the revision's verdict is NO-GO; approving it takes ticking `statement` (lib/checklist/signoff.ts noGoStatement). */
export function SignoffForm({
  token,
  digest,
  noGo,
}: {
  token: string;
  digest: string;
  noGo: { statement: string } | null;
}) {
  const [state, action, pending] = useActionState(signAction, initial);
  const [decision, setDecision] = useState<"approve" | "reject" | "">("");
  if (state.ok) {
    return (
      <p role="status" className="text-green-700" data-testid="sign-result">
        {state.message}
      </p>
    );
  }
  return (
    <form action={action} className="space-y-4" data-testid="signoff-form">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="revisionDigest" value={digest} />
      <Field label="Your name" htmlFor="signer-name">
        <input id="signer-name" name="signerName" className={inputClass} required maxLength={200} />
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Decision</legend>
        <label className="mr-6 inline-flex min-h-6 items-center gap-2 text-sm">
          <input
            type="radio"
            name="decision"
            value="approve"
            className="h-5 w-5"
            required
            onChange={() => setDecision("approve")}
            data-testid="decision-approve"
          />{" "}
          Approve
        </label>
        <label className="inline-flex min-h-6 items-center gap-2 text-sm">
          <input
            type="radio"
            name="decision"
            value="reject"
            className="h-5 w-5"
            onChange={() => setDecision("reject")}
            data-testid="decision-reject"
          />{" "}
          Reject
        </label>
      </fieldset>
      {decision === "approve" && noGo && (
        <label className="flex items-start gap-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <input type="checkbox" name="confirmNoGo" required className="mt-1" data-testid="confirm-no-go" />
          <span data-testid="confirm-no-go-label">{noGo.statement}</span>
        </label>
      )}
      {decision === "reject" && (
        <Field label="Reason (required)" htmlFor="reason">
          <textarea id="reason" name="reason" className={inputClass} required rows={3} />
        </Field>
      )}
      <button className={buttonClass} disabled={pending} data-testid="submit-signoff">
        Sign revision
      </button>
      {state.message && (
        <p role="alert" className="text-sm text-red-700" data-testid="sign-error">
          {state.message}
        </p>
      )}
    </form>
  );
}
