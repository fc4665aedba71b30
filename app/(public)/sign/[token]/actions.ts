"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { submitLinkSignoff } from "@/lib/app/links/signoff-by-link";
import { isAppError } from "@/lib/errors/app-error";
import { clientAddress } from "./client-address";

export interface SignState {
  ok: boolean;
  message: string;
}

/** By AppError code, and for CONFLICT by its `reason` (lib/app/links/signoff-by-link.ts SignoffRefusal). */
const MESSAGES: Record<string, string> = {
  NOT_FOUND: "This link is not valid.",
  RATE_LIMITED: "Too many attempts; try again in a minute.",
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
    ...(decision === "reject"
      ? { reason: String(form.get("reason") ?? "") }
      : { confirmNoGo: form.get("confirmNoGo") === "on" }),
  };
  let r: Awaited<ReturnType<typeof submitLinkSignoff>>;
  try {
    r = await submitLinkSignoff({
      token,
      ip: clientAddress(await headers()),
      input,
      revisionDigest: String(form.get("revisionDigest") ?? ""),
    });
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.code === "INVALID")
      return {
        ok: false,
        message:
          decision === "reject" ? "Give your name and the reason for the rejection." : "Give your name and a decision.",
      };
    const key = e.code === "CONFLICT" ? String(e.details.reason) : e.code;
    return { ok: false, message: MESSAGES[key] ?? e.message };
  }
  revalidatePath("/sign/[token]", "page");
  return {
    ok: true,
    message: r.signoff.decision === "approve" ? "Approved. Thank you." : "Rejection recorded. Thank you.",
  };
}
