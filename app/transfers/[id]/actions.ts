"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { actionActor, actionFieldErrors, actionMessage } from "@/app/_lib/auth";
import { issueInvite } from "@/lib/app/invites/issue-invite";
import { revokeInvite } from "@/lib/app/invites/revoke-invite";
import { FACT_LABELS, updateFacts } from "@/lib/app/transfers/update-facts";
import { removeSource } from "@/lib/app/sources/remove";
import { mailEnabled, mailInvite, mailMessage } from "@/lib/app/notifications/mail";
import { z } from "zod";

export interface InviteState {
  url: string | null;
  label: string | null;
  expiresAt: string | null;
  error: string | null;
  /** Whether the invite was e-mailed (or why not). */
  mail?: string | null;
}

const inviteEmailSchema = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
  z.email("not an e-mail address").max(320).optional(),
);

const DAY = 86_400;

/** A maintainer invite for this transfer. The URL goes to this response only; it is stored nowhere and never logged. */
export async function createInviteAction(transferId: string, _prev: InviteState, form: FormData): Promise<InviteState> {
  const days = Number(form.get("days") ?? 14);
  const ttlSeconds = Number.isInteger(days) && days >= 1 && days <= 90 ? days * DAY : 14 * DAY;
  const email = inviteEmailSchema.safeParse(form.get("email") ?? undefined);
  if (!email.success)
    return { url: null, label: null, expiresAt: null, error: `E-mail: ${email.error.issues[0]!.message}` };
  try {
    const r = await issueInvite(await actionActor(), { transferId, label: form.get("label") }, { ttlSeconds });
    const h = await headers();
    const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
    const proto = h.get("x-forwarded-proto") ?? "http";
    const url = `${proto}://${host}/invite/${r.token}`;
    const label = String(form.get("label") ?? "").trim();
    const mail = email.data
      ? mailMessage(
          await mailInvite(await actionActor(), {
            transferId,
            to: email.data,
            label,
            url,
            expiresAt: r.expiresAt.toISOString(),
          }),
        )
      : mailEnabled()
        ? null
        : "E-mail is off on this server: copy the link and send it yourself.";
    revalidatePath(`/transfers/${transferId}`);
    return { url, label, expiresAt: r.expiresAt.toISOString(), error: null, mail };
  } catch (e) {
    return { url: null, label: null, expiresAt: null, error: actionMessage(e) };
  }
}

export async function revokeInviteAction(transferId: string, form: FormData): Promise<void> {
  const inviteId = form.get("inviteId");
  if (typeof inviteId === "string") await revokeInvite(await actionActor(), { transferId, inviteId });
  revalidatePath(`/transfers/${transferId}`);
}

export interface FactsState {
  errors: Record<string, string>;
  /** "Gaining registrar: A → B", one line per changed field, after a save. */
  saved: string[] | null;
}

const FIELDS = [
  "losingRegistrar",
  "gainingRegistrar",
  "currentDnsOperator",
  "futureDnsOperator",
  "dnsHostingMoves",
] as const;

export async function updateFactsAction(transferId: string, _prev: FactsState, form: FormData): Promise<FactsState> {
  const facts = Object.fromEntries(FIELDS.map((f) => [f, form.get(f) ?? undefined]));
  try {
    const r = await updateFacts(await actionActor(), { transferId, facts });
    revalidatePath(`/transfers/${transferId}`);
    return { errors: {}, saved: r.changes.map((c) => `${FACT_LABELS[c.field]}: ${c.from} → ${c.to}`) };
  } catch (e) {
    return { errors: actionFieldErrors(e), saved: null };
  }
}

export interface RemoveSourceState {
  error: string | null;
}

export async function removeSourceAction(
  transferId: string,
  sourceId: string,
  _prev: RemoveSourceState,
  form: FormData,
): Promise<RemoveSourceState> {
  const replacedBy = form.get("replacedBy");
  try {
    await removeSource(await actionActor(), {
      transferId,
      sourceId,
      reason: form.get("reason"),
      ...(typeof replacedBy === "string" && replacedBy ? { replacedBy } : {}),
    });
  } catch (e) {
    return { error: actionMessage(e) };
  }
  revalidatePath(`/transfers/${transferId}`);
  return { error: null };
}
