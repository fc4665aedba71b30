"use server";

import { revalidatePath } from "next/cache";
import { actionActor, actionMessage } from "@/app/_lib/auth";
import { FACT_LABELS, updateFacts } from "@/lib/app/transfers/update-facts";
import { removeSource } from "@/lib/app/sources/remove";

export interface FactsState {
  errors: Record<string, string>;
  /** "Gaining registrar: A → B", one line per changed field, after a save. */
  saved: string[] | null;
}

const FIELDS = ["losingRegistrar", "gainingRegistrar", "currentDnsOperator", "futureDnsOperator", "dnsHostingMoves"] as const;

export async function updateFactsAction(transferId: string, _prev: FactsState, form: FormData): Promise<FactsState> {
  const facts = Object.fromEntries(FIELDS.map((f) => [f, form.get(f) ?? undefined]));
  try {
    const r = await updateFacts(await actionActor(), { transferId, facts });
    if (!r.ok) return { errors: r.errors, saved: null };
    revalidatePath(`/transfers/${transferId}`);
    return { errors: {}, saved: r.changes.map((c) => `${FACT_LABELS[c.field]}: ${c.from} → ${c.to}`) };
  } catch (e) {
    return { errors: { form: actionMessage(e) }, saved: null };
  }
}

export interface RemoveSourceState {
  error: string | null;
}

export async function removeSourceAction(transferId: string, sourceId: string, _prev: RemoveSourceState, form: FormData): Promise<RemoveSourceState> {
  const replacedBy = form.get("replacedBy");
  try {
    await removeSource(await actionActor(), { transferId, sourceId, reason: form.get("reason"), ...(typeof replacedBy === "string" && replacedBy ? { replacedBy } : {}) });
  } catch (e) {
    return { error: actionMessage(e) };
  }
  revalidatePath(`/transfers/${transferId}`);
  return { error: null };
}
