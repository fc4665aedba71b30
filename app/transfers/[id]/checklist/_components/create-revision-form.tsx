"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { createRevisionAction, type RevisionState } from "../actions";

const initial: RevisionState = { message: "" };

/** "Create revision": disabled while pending; the server returns the current revision when nothing changed. */
export function CreateRevisionForm({ transferId }: { transferId: string }) {
  const [state, action] = useActionState(createRevisionAction.bind(null, transferId), initial);
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <SubmitButton data-testid="create-revision" pendingText="Creating…">
        Create revision
      </SubmitButton>
      {state.message && (
        <p role="status" className="text-xs text-slate-600" data-testid="revision-status">
          {state.message}
        </p>
      )}
    </form>
  );
}
