"use client";

import { useState } from "react";

/** Starts the OIDC flow: better-auth answers with the provider's authorisation URL. */
export function SsoButton({ label, providerId }: { label: string; providerId: string }) {
  const [error, setError] = useState<string | null>(null);
  async function start() {
    const res = await fetch("/api/auth/sign-in/oauth2", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ providerId, callbackURL: "/" }) });
    const body = (await res.json().catch(() => null)) as { url?: string } | null;
    if (res.ok && body?.url) window.location.assign(body.url);
    else setError("Single sign-on is not available right now.");
  }
  return (
    <div>
      <button type="button" onClick={start} className="rounded-md border border-slate-300 px-4 py-2 text-sm" data-testid="sign-in-sso">
        {label}
      </button>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
    </div>
  );
}
