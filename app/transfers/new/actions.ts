"use server";

import { redirect } from "next/navigation";
import { actionActor, actionMessage } from "@/app/_lib/auth";
import { createTransfer } from "@/lib/app/transfers/create-transfer";

export interface NewTransferState {
  errors: Record<string, string>;
  values: Record<string, string>;
}

const FIELDS = ["domain", "losingRegistrar", "gainingRegistrar", "currentDnsOperator", "futureDnsOperator", "dnsHostingMoves"] as const;

export async function createTransferAction(_prev: NewTransferState, formData: FormData): Promise<NewTransferState> {
  const values: Record<string, string> = {};
  for (const f of FIELDS) {
    const v = formData.get(f);
    if (typeof v === "string") values[f] = v;
  }
  let result: Awaited<ReturnType<typeof createTransfer>>;
  try {
    result = await createTransfer(await actionActor(), values);
  } catch (e) {
    return { errors: { form: actionMessage(e) }, values };
  }
  if (!result.ok) return { errors: result.errors, values };
  redirect(`/transfers/${result.transfer.id}`);
}
