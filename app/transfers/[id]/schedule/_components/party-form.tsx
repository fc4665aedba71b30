"use client";

import { useActionState } from "react";
import { secondaryButtonClass } from "@/app/_components/ui/button-link";
import { inputClass } from "@/app/_components/ui/field";
import { savePartyAction, type FormState } from "../actions";

export interface PartyFormValues {
  role: string;
  label: string;
  organisation: string;
  contacts: { name: string; email: string | null; phone: string | null }[];
  escalationChannel: string | null;
  escalationTarget: string | null;
  onCallConfirmed: boolean;
  onCallBy: string | null;
}

const initial: FormState = { ok: false, message: "", issues: [] };
const CHANNELS = ["phone", "email", "chat", "pager", "ticket", "other"];

export function PartyForm({ transferId, party }: { transferId: string; party: PartyFormValues }) {
  const [state, action, pending] = useActionState(savePartyAction.bind(null, transferId), initial);
  const id = (k: string) => `${party.role}-${k}`;
  return (
    <form
      action={action}
      className="space-y-3 rounded-md border border-slate-200 p-4"
      data-testid="party-form"
      data-role={party.role}
    >
      <input type="hidden" name="role" value={party.role} />
      <h3 className="font-medium">{party.label}</h3>
      <label className="block text-sm" htmlFor={id("org")}>
        Organisation
        <input
          id={id("org")}
          name="organisation"
          className={inputClass}
          defaultValue={party.organisation}
          data-testid="party-organisation"
        />
      </label>
      {[0, 1, 2].map((i) => (
        <div key={i} className="grid gap-2 sm:grid-cols-3" data-testid="contact-row">
          <input
            aria-label={`Contact ${i + 1} name`}
            name={`contact${i}Name`}
            className={inputClass}
            placeholder="Contact name"
            defaultValue={party.contacts[i]?.name ?? ""}
          />
          <input
            aria-label={`Contact ${i + 1} email`}
            name={`contact${i}Email`}
            type="email"
            className={inputClass}
            placeholder="email"
            defaultValue={party.contacts[i]?.email ?? ""}
          />
          <input
            aria-label={`Contact ${i + 1} phone`}
            name={`contact${i}Phone`}
            className={inputClass}
            placeholder="phone"
            defaultValue={party.contacts[i]?.phone ?? ""}
          />
        </div>
      ))}
      <div className="grid gap-2 sm:grid-cols-2">
        <select
          aria-label="Escalation channel"
          name="escalationChannel"
          className={inputClass}
          defaultValue={party.escalationChannel ?? ""}
          data-testid="party-channel"
        >
          <option value="">escalation channel…</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <input
          aria-label="Escalation target"
          name="escalationTarget"
          className={inputClass}
          placeholder="number, address, channel URL"
          defaultValue={party.escalationTarget ?? ""}
          data-testid="party-target"
        />
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="onCallConfirmed"
            defaultChecked={party.onCallConfirmed}
            data-testid="party-oncall"
          />{" "}
          On call through the window, confirmed by
        </label>
        <input
          aria-label="Confirmed by"
          name="onCallBy"
          className={`${inputClass} max-w-xs`}
          defaultValue={party.onCallBy ?? ""}
          data-testid="party-oncall-by"
        />
        <button className={secondaryButtonClass} disabled={pending} data-testid="save-party">
          Save
        </button>
        {state.message && (
          <span role="status" data-testid="party-status" className={state.ok ? "text-green-700" : "text-red-700"}>
            {state.message}
            {state.issues.map((i) => ` · ${i.path}: ${i.message}`).join("")}
          </span>
        )}
      </div>
    </form>
  );
}
