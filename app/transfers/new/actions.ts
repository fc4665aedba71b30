"use server";

import { redirect } from "next/navigation";
import { createTransfer } from "@/lib/transfer";

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
  const result = await createTransfer(values);
  if (!result.ok) return { errors: result.errors, values };
  redirect(`/transfers/${result.transfer.id}`);
}
