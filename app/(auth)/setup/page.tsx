import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { needsFirstRunSetup } from "@/lib/app/accounts/staff-users";
import { setupAction } from "../actions";
import { AuthForm } from "../_components/auth-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create the first account" };

/** First run: offered only while no account exists (lib/app/accounts/staff-users.ts refuses it afterwards too). */
export default async function SetupPage() {
  if (!(await needsFirstRunSetup())) redirect("/sign-in");
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1 className="text-2xl font-semibold">Create the first account</h1>
      <p className="text-sm text-slate-600">
        Nobody has an account yet. The first account creates your organisation; transfers made before accounts existed
        belong to it.
      </p>
      <AuthForm action={setupAction} setup />
    </div>
  );
}
