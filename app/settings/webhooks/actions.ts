"use server";

import { revalidatePath } from "next/cache";
import { actionActor, actionMessage } from "@/app/_lib/auth";
import { createWebhook } from "@/lib/app/webhooks/create";
import { deleteWebhook } from "@/lib/app/webhooks/delete";

export interface WebhookState {
  url: string | null;
  secret: string | null;
  error: string | null;
}

/** The signing secret goes to this response only (the receiver needs it to check signatures). */
export async function createWebhookAction(_prev: WebhookState, form: FormData): Promise<WebhookState> {
  try {
    const r = await createWebhook(await actionActor(), { url: form.get("url") });
    revalidatePath("/settings/webhooks");
    return { url: r.url, secret: r.secret, error: null };
  } catch (e) {
    return { url: null, secret: null, error: actionMessage(e) };
  }
}

/** Deleting twice is a no-op. */
export async function deleteWebhookAction(form: FormData): Promise<void> {
  await deleteWebhook(await actionActor(), { webhookId: form.get("webhookId") });
  revalidatePath("/settings/webhooks");
}
