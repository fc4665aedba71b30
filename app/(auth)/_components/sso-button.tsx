"use client";

import { useState } from "react";

/**
 * Starts the OIDC flow at better-auth's `/sign-in/social` (the generic OAuth
 * plugin registers the provider as a social one): it sets the state cookie
 * and answers with the provider's authorisation URL. Failures come back to
 * the sign-in page as `?error=<code>`.
 */
export function SsoButton({ label, providerId }: { label: string; providerId: string }) {
  const [error, setError] = useState<string | null>(null);
  async function start() {
    const res = await fetch("/api/auth/sign-in/social", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ provider: providerId, callbackURL: "/", errorCallbackURL: "/sign-in" }),
    });
    const body = (await res.json().catch(() => null)) as { url?: string } | null;
    if (res.ok && body?.url) window.location.assign(body.url);
    else setError("Single sign-on is not available right now.");
  }
  return (
    <div>
      <button
        type="button"
        onClick={start}
        className="rounded-md border border-slate-300 px-4 py-2 text-sm"
        data-testid="sign-in-sso"
      >
        {label}
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
