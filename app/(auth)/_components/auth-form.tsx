"use client";

import { useActionState } from "react";
import type { AuthFormState } from "../actions";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

/** Sign-in and first-run forms (no client-side auth library: the server action does the work). */
export function AuthForm({
  action,
  setup,
}: {
  action: (prev: AuthFormState, form: FormData) => Promise<AuthFormState>;
  setup: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { error: null, email: "" });
  return (
    <form action={formAction} className="space-y-4" data-testid={setup ? "setup-form" : "sign-in-form"}>
      {setup && (
        <>
          <label className="block text-sm font-medium">
            Organisation
            <input name="organisation" required maxLength={200} className={input} />
          </label>
          <label className="block text-sm font-medium">
            Your name
            <input name="name" maxLength={200} className={input} />
          </label>
        </>
      )}
      <label className="block text-sm font-medium">
        E-mail
        <input
          name="email"
          type="email"
          required
          autoComplete="username"
          defaultValue={state.email}
          className={input}
        />
      </label>
      <label className="block text-sm font-medium">
        Password
        <input
          name="password"
          type="password"
          required
          minLength={setup ? 12 : 1}
          autoComplete={setup ? "new-password" : "current-password"}
          className={input}
        />
      </label>
      {state.error && (
        <p role="alert" className="text-sm text-red-700" data-testid="auth-error">
          {state.error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
        data-testid={setup ? "create-account" : "sign-in"}
      >
        {setup ? "Create the first account" : "Sign in"}
      </button>
    </form>
  );
}
