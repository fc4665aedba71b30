"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { submitLinkSignoff } from "@/lib/app/links/signoff-by-link";
import { clientAddress } from "./client-address";

export interface SignState {
  ok: boolean;
  message: string;
}

const MESSAGES: Record<string, string> = {
  "not-found": "This link is not valid.",
  "rate-limited": "Too many attempts; try again in a minute.",
  "revision-changed": "A newer revision exists: reload the page and read it before signing.",
  "already-signed": "You have already signed this revision.",
  "no-go-unconfirmed": "The verdict is NO-GO: tick the statement that you approve it all the same, or reject.",
};

/** The token travels in the POST body, never in a query string or a log line. */
export async function signAction(_prev: SignState, form: FormData): Promise<SignState> {
  const token = String(form.get("token") ?? "");
  const decision = String(form.get("decision") ?? "");
  const input = {
    signerName: String(form.get("signerName") ?? ""),
    decision,
    ...(decision === "reject" ? { reason: String(form.get("reason") ?? "") } : { confirmNoGo: form.get("confirmNoGo") === "on" }),
  };
  const r = await submitLinkSignoff({ token, ip: clientAddress(await headers()), input, revisionDigest: String(form.get("revisionDigest") ?? "") });
  if (!r.ok) {
    if (r.error === "invalid") return { ok: false, message: decision === "reject" ? "Give your name and the reason for the rejection." : "Give your name and a decision." };
    return { ok: false, message: MESSAGES[r.error] };
  }
  revalidatePath("/sign/[token]", "page");
  return { ok: true, message: r.signoff.decision === "approve" ? "Approved. Thank you." : "Rejection recorded. Thank you." };
}
