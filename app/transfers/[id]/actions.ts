"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { actionActor, actionMessage } from "@/app/_lib/auth";
import { issueInviteFor, revokeInviteFor } from "@/lib/app/invites/guarded";

export interface InviteState {
  url: string | null;
  label: string | null;
  expiresAt: string | null;
  error: string | null;
}

const DAY = 86_400;

/** A maintainer invite for this transfer. The URL goes to this response only; it is stored nowhere and never logged. */
export async function createInviteAction(transferId: string, _prev: InviteState, form: FormData): Promise<InviteState> {
  const days = Number(form.get("days") ?? 14);
  const ttlSeconds = Number.isInteger(days) && days >= 1 && days <= 90 ? days * DAY : 14 * DAY;
  try {
    const r = await issueInviteFor(await actionActor(), { transferId, label: form.get("label"), ttlSeconds });
    const h = await headers();
    const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
    const proto = h.get("x-forwarded-proto") ?? "http";
    revalidatePath(`/transfers/${transferId}`);
    return { url: `${proto}://${host}/invite/${r.token}`, label: String(form.get("label") ?? "").trim(), expiresAt: r.expiresAt.toISOString(), error: null };
  } catch (e) {
    return { url: null, label: null, expiresAt: null, error: actionMessage(e) };
  }
}

export async function revokeInviteAction(transferId: string, form: FormData): Promise<void> {
  const inviteId = form.get("inviteId");
  if (typeof inviteId === "string") await revokeInviteFor(await actionActor(), { transferId, inviteId });
  revalidatePath(`/transfers/${transferId}`);
}
