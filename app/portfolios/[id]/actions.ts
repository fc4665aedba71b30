"use server";

import { revalidatePath } from "next/cache";
import { actionActor, actionMessage } from "@/app/_lib/auth";
import { updateSharedFacts } from "@/lib/app/portfolios/update-facts";

export interface FactsState {
  message: string;
  error: string;
}

const FIELDS = [
  "losingRegistrar",
  "gainingRegistrar",
  "currentDnsOperator",
  "futureDnsOperator",
  "dnsHostingMoves",
  "newNameServers",
] as const;

export async function updateFactsAction(
  portfolioId: string,
  _prev: FactsState,
  formData: FormData,
): Promise<FactsState> {
  const facts: Record<string, string> = {};
  for (const f of FIELDS) {
    const v = formData.get(f);
    if (typeof v === "string") facts[f] = v;
  }
  try {
    const r = await updateSharedFacts(await actionActor(), { portfolioId, facts });
    revalidatePath(`/portfolios/${portfolioId}`);
    return { message: `Saved; ${r.changedTransfers} transfer(s) changed.`, error: "" };
  } catch (e) {
    return { message: "", error: actionMessage(e) };
  }
}
