"use server";

import { redirect } from "next/navigation";
import { actionActor, actionMessage } from "@/app/_lib/auth";
import { createTransferOnce, type OpenTransfer } from "@/lib/app/transfers/create-transfer-once";

export interface NewTransferState {
  errors: Record<string, string>;
  values: Record<string, string>;
  /** Open transfers for the same domain: shown with "open it" or "create a second one". */
  duplicates?: OpenTransfer[];
}

const FIELDS = ["domain", "losingRegistrar", "gainingRegistrar", "currentDnsOperator", "futureDnsOperator", "dnsHostingMoves"] as const;

export async function createTransferAction(_prev: NewTransferState, formData: FormData): Promise<NewTransferState> {
  const values: Record<string, string> = {};
  for (const f of FIELDS) {
    const v = formData.get(f);
    if (typeof v === "string") values[f] = v;
  }
  let result: Awaited<ReturnType<typeof createTransferOnce>>;
  try {
    result = await createTransferOnce(await actionActor(), { transfer: values, ...(formData.get("confirmDuplicate") === "yes" ? { confirmDuplicate: "yes" } : {}) });
  } catch (e) {
    return { errors: { form: actionMessage(e) }, values };
  }
  if (!result.ok) return "duplicates" in result ? { errors: {}, values, duplicates: result.duplicates } : { errors: result.errors, values };
  redirect(`/transfers/${result.transfer.id}`);
}
