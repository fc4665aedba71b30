import type { Metadata } from "next";
import { pageStaff } from "@/app/_lib/auth";
import { NewTransferForm } from "./_components/new-transfer-form";

export const metadata: Metadata = { title: "New transfer" };

export default async function NewTransferPage() {
  await pageStaff();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">New transfer</h1>
      <NewTransferForm />
    </div>
  );
}
