"use server";

import { revalidatePath } from "next/cache";
import { actionActor, actionMessage } from "@/app/_lib/auth";
import { createApiToken } from "@/lib/app/api-tokens/create";
import { revokeApiToken } from "@/lib/app/api-tokens/revoke";

export interface TokenState {
  token: string | null;
  name: string | null;
  scope: string | null;
  error: string | null;
}

/** The token goes to this response only: it is stored nowhere (only its hash) and never logged. */
export async function createTokenAction(_prev: TokenState, form: FormData): Promise<TokenState> {
  try {
    const r = await createApiToken(await actionActor(), { name: form.get("name"), scope: form.get("scope") });
    revalidatePath("/settings/api-tokens");
    return { token: r.token, name: r.apiToken.name, scope: r.apiToken.scope, error: null };
  } catch (e) {
    return { token: null, name: null, scope: null, error: actionMessage(e) };
  }
}

/** Revoking twice is a no-op. */
export async function revokeTokenAction(form: FormData): Promise<void> {
  await revokeApiToken(await actionActor(), { tokenId: form.get("tokenId") });
  revalidatePath("/settings/api-tokens");
}
