import type { Metadata } from "next";
import { getTransferTitle } from "@/lib/app/transfers/get-transfer-title";
import { currentStaff } from "./auth";

/** `generateMetadata` for a page under /transfers/[id]: "<what> · <domain>" (layout appends "· Cutover"). */
export function transferMetadata(what: string) {
  return async ({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> => {
    const domain = await getTransferTitle(await currentStaff(), { transferId: (await params).id });
    return { title: domain ? `${what} · ${domain}` : what };
  };
}
