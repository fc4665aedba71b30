"use client";

import { useActionState } from "react";
import { buttonClass } from "@/app/_components/ui/button-link";
import { inputClass } from "@/app/_components/ui/field";
import { answerAction, type AnswerState } from "../actions";

const initial: AnswerState = { ok: false, message: "" };

export interface CurrentAnswers {
  /** As staff or an earlier answer set it; the transfer always has one (asked at creation, DESIGN §1). */
  dnsHostingMoves: boolean | null;
  organisation: string;
  contact: { name: string; email?: string; phone?: string };
  onCallConfirmed: boolean;
  onCallBy: string;
}

/**
 * The owner's questions (DESIGN §1), prefilled with the current answers —
 * staff's included — so saving changes only what the maintainer edits (the
 * server merges as well: lib/app/parties/merge-owner-answers.ts).
 */
export function OwnerQuestionsForm({ token, current }: { token: string; current: CurrentAnswers }) {
  const [state, action, pending] = useActionState(answerAction, initial);
  return (
    // key: a saved answer re-renders the page; remount so the fields show what is stored now.
    <form action={action} className="space-y-4" data-testid="owner-questions" key={JSON.stringify(current)}>
      <input type="hidden" name="token" value={token} />
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Does DNS hosting move to the gaining side with this transfer?</legend>
        <label className="mr-4 text-sm">
          <input
            type="radio"
            name="dnsHostingMoves"
            value="yes"
            required
            defaultChecked={current.dnsHostingMoves === true}
            data-testid="answer-moves-yes"
          />{" "}
          Yes
        </label>
        <label className="text-sm">
          <input
            type="radio"
            name="dnsHostingMoves"
            value="no"
            required
            defaultChecked={current.dnsHostingMoves === false}
            data-testid="answer-moves-no"
          />{" "}
          No
        </label>
      </fieldset>
      <label className="block text-sm">
        Domain owner (organisation)
        <input
          name="organisation"
          required
          maxLength={200}
          className={inputClass}
          defaultValue={current.organisation}
          data-testid="answer-organisation"
        />
      </label>
      <div className="grid gap-2 sm:grid-cols-3">
        <label className="block text-sm">
          Contact name
          <input
            name="contactName"
            required
            maxLength={200}
            className={inputClass}
            defaultValue={current.contact.name}
            data-testid="answer-contact-name"
          />
        </label>
        <label className="block text-sm">
          E-mail
          <input
            name="contactEmail"
            type="email"
            maxLength={254}
            className={inputClass}
            defaultValue={current.contact.email}
            data-testid="answer-contact-email"
          />
        </label>
        <label className="block text-sm">
          Phone
          <input
            name="contactPhone"
            maxLength={50}
            className={inputClass}
            defaultValue={current.contact.phone}
            data-testid="answer-contact-phone"
          />
        </label>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <input
            type="checkbox"
            name="onCallConfirmed"
            defaultChecked={current.onCallConfirmed}
            data-testid="answer-on-call"
          />{" "}
          Someone is on call during the window
        </label>
        <label className="text-sm">
          Who
          <input
            name="onCallBy"
            maxLength={200}
            className={inputClass}
            defaultValue={current.onCallBy}
            data-testid="answer-on-call-by"
          />
        </label>
      </div>
      <button className={buttonClass} disabled={pending} data-testid="answer-submit">
        Save answers
      </button>
      {state.message && (
        <p
          className={`text-sm ${state.ok ? "text-green-800" : "text-red-700"}`}
          role={state.ok ? "status" : "alert"}
          data-testid="answer-result"
        >
          {state.message}
        </p>
      )}
    </form>
  );
}
