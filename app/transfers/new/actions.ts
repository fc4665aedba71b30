"use server";

import { redirect } from "next/navigation";
import { actionActor, actionFieldErrors } from "@/app/_lib/auth";
import { isAppError } from "@/lib/errors/app-error";
import { createTransferOnce, type OpenTransfer } from "@/lib/app/transfers/create-transfer-once";

export interface NewTransferState {
  errors: Record<string, string>;
  values: Record<string, string>;
  /** Open transfers for the same domain: shown with "open it" or "create a second one". */
  duplicates?: OpenTransfer[];
}

const FIELDS = [
  "domain",
  "losingRegistrar",
  "gainingRegistrar",
  "currentDnsOperator",
  "futureDnsOperator",
  "dnsHostingMoves",
] as const;

export async function createTransferAction(_prev: NewTransferState, formData: FormData): Promise<NewTransferState> {
  const values: Record<string, string> = {};
  for (const f of FIELDS) {
    const v = formData.get(f);
    if (typeof v === "string") values[f] = v;
  }
  let transferId: string;
  try {
    const transfer = await createTransferOnce(await actionActor(), {
      transfer: values,
      ...(formData.get("confirmDuplicate") === "yes" ? { confirmDuplicate: "yes" } : {}),
    });
    transferId = transfer.id;
  } catch (e) {
    if (isAppError(e) && e.code === "CONFLICT" && Array.isArray(e.details.duplicates))
      return { errors: {}, values, duplicates: e.details.duplicates as OpenTransfer[] };
    return { errors: actionFieldErrors(e), values };
  }
  redirect(`/transfers/${transferId}`);
}
