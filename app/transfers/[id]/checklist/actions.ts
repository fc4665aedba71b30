"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { actionActor } from "@/app/_lib/auth";
import { createChecklistRevisionFor, issueLinkFor, revokeLinkFor } from "@/lib/app/checklist/guarded";
import { isAppError } from "@/lib/errors/app-error";

export async function createRevisionAction(transferId: string): Promise<void> {
  await createChecklistRevisionFor(await actionActor(), transferId);
  revalidatePath(`/transfers/${transferId}/checklist`);
}

export interface LinkState {
  url: string | null;
  role: string | null;
  error: string | null;
}

/** The URL is returned to this response only; it is stored nowhere and never logged. */
export async function createLinkAction(transferId: string, _prev: LinkState, form: FormData): Promise<LinkState> {
  let r: Awaited<ReturnType<typeof issueLinkFor>>;
  try {
    r = await issueLinkFor(await actionActor(), { transferId, role: form.get("role") });
  } catch (e) {
    if (isAppError(e)) return { url: null, role: null, error: "No such transfer" };
    throw e;
  }
  if (!r.ok) return { url: null, role: null, error: r.error === "invalid" ? "Choose a role" : "No such transfer" };
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto") ?? "http";
  revalidatePath(`/transfers/${transferId}/checklist`);
  return { url: `${proto}://${host}/sign/${r.token}`, role: r.role, error: null };
}

export async function revokeLinkAction(transferId: string, form: FormData): Promise<void> {
  const linkId = form.get("linkId");
  if (typeof linkId === "string") await revokeLinkFor(await actionActor(), { transferId, linkId });
  revalidatePath(`/transfers/${transferId}/checklist`);
}
