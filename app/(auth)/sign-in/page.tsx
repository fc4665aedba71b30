import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentStaff } from "@/app/_lib/auth";
import { needsFirstRunSetup } from "@/lib/app/accounts/staff-users";
import { oidcConfig, ssoErrorMessage } from "@/lib/auth/oidc";
import { signInAction } from "../actions";
import { AuthForm } from "../_components/auth-form";
import { SsoButton } from "../_components/sso-button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  if (await currentStaff()) redirect("/");
  if (await needsFirstRunSetup()) redirect("/setup");
  const sso = oidcConfig();
  const { error } = await searchParams;
  const ssoError = ssoErrorMessage(typeof error === "string" ? error : null);
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      {ssoError && (
        <p
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800"
          data-testid="sign-in-error"
        >
          {ssoError}
        </p>
      )}
      <AuthForm action={signInAction} setup={false} />
      {sso.ok && sso.config && <SsoButton label={sso.config.label} providerId={sso.config.providerId} />}
      <p className="text-sm text-slate-500">
        Staff accounts are created by an administrator (<code>npx cutover admin create-user</code>). Maintainers use the
        invite link they were sent. <Link href="/">Home</Link>
      </p>
    </div>
  );
}
