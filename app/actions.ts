"use server";

import { revalidatePath } from "next/cache";
import { actionActor } from "@/app/_lib/auth";
import { archiveTransfer } from "@/lib/app/transfers/archive";

/** Archive (or unarchive) from the dashboard: the use case validates, authorises, logs; a repeat is a no-op. */
export async function archiveTransferAction(form: FormData): Promise<void> {
  await archiveTransfer(await actionActor(), {
    transferId: form.get("transferId"),
    archived: form.get("archived") === "yes",
  });
  revalidatePath("/");
}
