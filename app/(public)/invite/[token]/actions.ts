"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { clientIp } from "@/app/_lib/auth";
import { isAppError } from "@/lib/errors/app-error";
import { inviteActor } from "@/lib/app/invites/get-invite-page";
import { answerOwnerQuestions } from "@/lib/app/parties/answer-owner-questions";

export interface AnswerState {
  ok: boolean;
  message: string;
}

const optional = (v: FormDataEntryValue | null) => {
  const s = String(v ?? "").trim();
  return s === "" ? undefined : s;
};

/**
 * The owner's answers through a maintainer invite: the token travels in the
 * POST body (never a query string or a log line) and is checked in lib
 * (lib/app/invites/get-invite-page.ts inviteActor: hash, expiry, revocation, rate limit).
 */
export async function answerAction(_prev: AnswerState, form: FormData): Promise<AnswerState> {
  const token = String(form.get("token") ?? "");
  try {
    const actor = await inviteActor({ token, ip: clientIp(await headers()) });
    const onCallConfirmed = form.get("onCallConfirmed") === "on";
    await answerOwnerQuestions(actor, {
      transferId: actor.transferId,
      input: {
        dnsHostingMoves: form.get("dnsHostingMoves"),
        organisation: String(form.get("organisation") ?? ""),
        contacts: [
          {
            name: String(form.get("contactName") ?? "").trim(),
            email: optional(form.get("contactEmail")),
            phone: optional(form.get("contactPhone")),
          },
        ],
        onCallConfirmed,
        ...(onCallConfirmed ? { onCallBy: optional(form.get("onCallBy")) } : {}),
      },
    });
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.code === "INVALID") {
      const issues = (e.details.issues as { path: string; message: string }[] | undefined) ?? [];
      return {
        ok: false,
        message: issues.length ? issues.map((i) => `${i.path || "answer"}: ${i.message}`).join("; ") : e.message,
      };
    }
    return {
      ok: false,
      message: e.code === "RATE_LIMITED" ? "Too many attempts; try again in a minute." : "This link is not valid.",
    };
  }
  revalidatePath("/invite/[token]", "page");
  return { ok: true, message: "Thank you: your answers were saved." };
}
