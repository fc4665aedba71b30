"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { actionActor } from "@/app/_lib/auth";
import { createChecklistRevision } from "@/lib/app/checklist/create-checklist-revision";
import { issueLink, revokeLink } from "@/lib/app/links/links";
import { isAppError } from "@/lib/errors/app-error";
import { reissueLink } from "@/lib/app/links/reissue-link";
import { mailMessage, mailSignoffLink } from "@/lib/app/notifications/mail";

export interface RevisionState {
  message: string;
}

/** Idempotent in lib: the same content returns the current revision (createChecklistRevision's `unchanged`). */
export async function createRevisionAction(
  transferId: string,
  _prev: RevisionState,
  _form: FormData,
): Promise<RevisionState> {
  let r: Awaited<ReturnType<typeof createChecklistRevision>>;
  try {
    r = await createChecklistRevision(await actionActor(), { transferId });
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return { message: "No such transfer." };
    throw e;
  } finally {
    revalidatePath(`/transfers/${transferId}/checklist`);
  }
  return {
    message: r.unchanged
      ? `Nothing changed since revision ${r.revision.revisionNumber}: no new revision was made.`
      : `Revision ${r.revision.revisionNumber} created.`,
  };
}

export interface LinkState {
  url: string | null;
  role: string | null;
  error: string | null;
  /** Whether the link was e-mailed to the party's contacts (or why not). */
  mail?: string | null;
}

/** The URL is returned to this response only; it is stored nowhere and never logged. */
export async function createLinkAction(transferId: string, _prev: LinkState, form: FormData): Promise<LinkState> {
  let r: Awaited<ReturnType<typeof issueLink>>;
  try {
    r = await issueLink(await actionActor(), { transferId, role: form.get("role") });
  } catch (e) {
    if (isAppError(e))
      return { url: null, role: null, error: e.code === "INVALID" ? "Choose a role" : "No such transfer" };
    throw e;
  }
  const url = await signUrl(r.token);
  const mail = await mailSignoffLink(await actionActor(), { transferId, role: r.role, url, expiresAt: r.expiresAt });
  revalidatePath(`/transfers/${transferId}/checklist`);
  return { url, role: r.role, error: null, mail: mailMessage(mail) };
}

async function signUrl(token: string): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}/sign/${token}`;
}

/** A new link for the same role, the old one revoked (lib/app/links/reissue-link.ts); the URL is shown once. */
export async function reissueLinkAction(transferId: string, _prev: LinkState, form: FormData): Promise<LinkState> {
  let r: Awaited<ReturnType<typeof reissueLink>>;
  try {
    r = await reissueLink(await actionActor(), { transferId, linkId: form.get("linkId") });
  } catch (e) {
    if (isAppError(e))
      return {
        url: null,
        role: null,
        error: e.code === "CONFLICT" ? "This link was already revoked or re-issued." : "No such link",
      };
    throw e;
  }
  const url = await signUrl(r.token);
  const mail = await mailSignoffLink(await actionActor(), { transferId, role: r.role, url });
  revalidatePath(`/transfers/${transferId}/checklist`);
  return { url, role: r.role, error: null, mail: mailMessage(mail) };
}

export async function revokeLinkAction(transferId: string, form: FormData): Promise<void> {
  const linkId = form.get("linkId");
  if (typeof linkId === "string") await revokeLink(await actionActor(), { transferId, linkId });
  revalidatePath(`/transfers/${transferId}/checklist`);
}
