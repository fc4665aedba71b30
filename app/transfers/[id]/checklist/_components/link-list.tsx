"use client";

import { useActionState, useState } from "react";
import { secondaryButtonClass } from "@/app/_components/ui/button-link";
import { inputClass } from "@/app/_components/ui/field";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { PARTY_ROLES, PARTY_ROLE_LABELS, type PartyRole } from "@/lib/schedule/parties";
import { reissueLinkAction, revokeLinkAction, type LinkState } from "../actions";

export interface LinkRow {
  id: string;
  role: PartyRole;
  /** pending: valid, not yet used on the current revision; used: its holder signed the current revision. */
  status: "pending" | "used" | "revoked" | "expired";
  createdAt: string;
  expiresAt: string;
  /** Who signed through it on the current revision (self-declared name and decision). */
  usedBy: string | null;
}

const STATUS_CLASS: Record<LinkRow["status"], string> = {
  pending: "bg-amber-100 text-amber-900",
  used: "bg-green-100 text-green-900",
  revoked: "bg-slate-200 text-slate-800",
  expired: "bg-slate-200 text-slate-800",
};

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/**
 * Every sign-off link per role with its state. A link's URL is shown once, at
 * creation (only the token's hash is stored); a holder who lost it gets a
 * re-issued link (lib/app/links/reissue-link.ts), which revokes the old one.
 * Revoking asks for a confirmation first.
 */
export function LinkList({ transferId, links }: { transferId: string; links: LinkRow[] }) {
  const roles = PARTY_ROLES.filter((r) => links.some((l) => l.role === r));
  if (roles.length === 0) return <p className="mt-4 text-sm text-slate-600">No sign-off links yet.</p>;
  return (
    <div className="mt-4 space-y-4" data-testid="link-list">
      {roles.map((role) => (
        <section key={role} data-testid="link-role-group" data-role={role}>
          <h3 className="text-sm font-semibold">{PARTY_ROLE_LABELS[role]}</h3>
          <ul className="divide-y divide-slate-200 text-sm">
            {links
              .filter((l) => l.role === role)
              .map((l) => (
                <LinkItem key={l.id} transferId={transferId} link={l} />
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

const initial: LinkState = { url: null, role: null, error: null };

function LinkItem({ transferId, link: l }: { transferId: string; link: LinkRow }) {
  const [confirming, setConfirming] = useState(false);
  const [reissued, reissue] = useActionState(reissueLinkAction.bind(null, transferId), initial);
  const [copied, setCopied] = useState(false);
  const valid = l.status === "pending" || l.status === "used";
  return (
    <li
      className="space-y-2 py-2"
      data-testid="link-item"
      data-role={l.role}
      data-status={l.status}
      data-link-id={l.id}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span>
          <span
            className={`mr-2 rounded px-1.5 py-0.5 text-xs font-semibold ${STATUS_CLASS[l.status]}`}
            data-testid="link-status"
          >
            {l.status}
          </span>
          created {when(l.createdAt)} · {l.status === "expired" ? "expired" : "expires"} {when(l.expiresAt)}
          {l.usedBy && (
            <>
              {" · "}
              <span data-testid="link-used-by">{l.usedBy}</span>
            </>
          )}
        </span>
        {valid && !confirming && (
          <span className="flex gap-2">
            <form action={reissue}>
              <input type="hidden" name="linkId" value={l.id} />
              <SubmitButton className={secondaryButtonClass} data-testid="reissue-link" pendingText="Re-issuing…">
                Re-issue
              </SubmitButton>
            </form>
            <button
              type="button"
              className="min-h-6 text-red-800 underline"
              onClick={() => setConfirming(true)}
              data-testid="revoke-link"
            >
              Revoke
            </button>
          </span>
        )}
      </div>
      {valid && confirming && (
        <form
          action={revokeLinkAction.bind(null, transferId)}
          className="flex flex-wrap items-center gap-2 rounded-md border border-red-300 bg-red-50 p-2"
          data-testid="revoke-confirm"
        >
          <input type="hidden" name="linkId" value={l.id} />
          <span className="text-red-900">
            Revoke this {PARTY_ROLE_LABELS[l.role]} link? Whoever holds it can no longer open or sign.
          </span>
          <SubmitButton
            className="rounded-md bg-red-700 px-3 py-1 text-sm font-medium text-white disabled:bg-red-300"
            data-testid="confirm-revoke"
            pendingText="Revoking…"
          >
            Revoke link
          </SubmitButton>
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => setConfirming(false)}
            data-testid="cancel-revoke"
          >
            Cancel
          </button>
        </form>
      )}
      {reissued.error && <p className="text-sm text-red-700">{reissued.error}</p>}
      {reissued.url && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="reissued-link">
          <p className="mb-2">
            New link for {PARTY_ROLE_LABELS[l.role]} (this one is revoked) — shown once; send it to that person only.
          </p>
          <div className="flex gap-2">
            <input
              readOnly
              value={reissued.url}
              className={`${inputClass} font-mono`}
              data-testid="reissued-link-url"
              aria-label="New sign-off URL"
            />
            <button
              type="button"
              className={secondaryButtonClass}
              onClick={() =>
                navigator.clipboard?.writeText(reissued.url!).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
