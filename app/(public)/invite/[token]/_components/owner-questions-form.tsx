"use client";

import { useActionState } from "react";
import { buttonClass } from "@/app/_components/ui/button-link";
import { inputClass } from "@/app/_components/ui/field";
import { answerAction, type AnswerState } from "../actions";

const initial: AnswerState = { ok: false, message: "" };

/** The owner's questions (DESIGN §1). The hosting question has no default: the maintainer must choose. */
export function OwnerQuestionsForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(answerAction, initial);
  return (
    <form action={action} className="space-y-4" data-testid="owner-questions">
      <input type="hidden" name="token" value={token} />
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Does DNS hosting move to the gaining side with this transfer?</legend>
        <label className="mr-4 text-sm">
          <input type="radio" name="dnsHostingMoves" value="yes" required data-testid="answer-moves-yes" /> Yes
        </label>
        <label className="text-sm">
          <input type="radio" name="dnsHostingMoves" value="no" required data-testid="answer-moves-no" /> No
        </label>
      </fieldset>
      <label className="block text-sm">
        Domain owner (organisation)
        <input name="organisation" required maxLength={200} className={inputClass} data-testid="answer-organisation" />
      </label>
      <div className="grid gap-2 sm:grid-cols-3">
        <label className="block text-sm">
          Contact name
          <input name="contactName" required maxLength={200} className={inputClass} data-testid="answer-contact-name" />
        </label>
        <label className="block text-sm">
          E-mail
          <input name="contactEmail" type="email" maxLength={254} className={inputClass} data-testid="answer-contact-email" />
        </label>
        <label className="block text-sm">
          Phone
          <input name="contactPhone" maxLength={50} className={inputClass} data-testid="answer-contact-phone" />
        </label>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <input type="checkbox" name="onCallConfirmed" data-testid="answer-on-call" /> Someone is on call during the window
        </label>
        <label className="text-sm">
          Who
          <input name="onCallBy" maxLength={200} className={inputClass} data-testid="answer-on-call-by" />
        </label>
      </div>
      <button className={buttonClass} disabled={pending} data-testid="answer-submit">
        Save answers
      </button>
      {state.message && (
        <p className={`text-sm ${state.ok ? "text-green-800" : "text-red-700"}`} role={state.ok ? "status" : "alert"} data-testid="answer-result">
          {state.message}
        </p>
      )}
    </form>
  );
}
