"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { appAuth } from "@/app/_lib/auth";
import { isAppError } from "@/lib/errors/app-error";
import { firstRunSetup } from "@/lib/app/accounts/staff-users";

export interface AuthFormState {
  error: string | null;
  email: string;
}

const SignIn = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(256) });

/** Email + password through better-auth; its nextCookies plugin sets the session cookie on this response. */
export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const p = SignIn.safeParse({ email: form.get("email"), password: form.get("password") });
  const email = String(form.get("email") ?? "");
  if (!p.success) return { error: "Enter your e-mail address and password.", email };
  try {
    await appAuth().api.signInEmail({
      body: { email: p.data.email.toLowerCase(), password: p.data.password },
      headers: await headers(),
    });
  } catch (e) {
    const status = (e as { statusCode?: number; status?: unknown }).statusCode;
    return {
      error: status === 429 ? "Too many attempts; try again in a minute." : "Wrong e-mail address or password.",
      email,
    };
  }
  redirect("/");
}

export async function signOutAction(): Promise<void> {
  await appAuth()
    .api.signOut({ headers: await headers() })
    .catch(() => undefined);
  redirect("/sign-in");
}

/** First run: the first account and its organisation (refused once any account exists), then signed in. */
export async function setupAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  try {
    await firstRunSetup({
      email,
      password,
      name: String(form.get("name") ?? ""),
      organisation: String(form.get("organisation") ?? ""),
    });
  } catch (e) {
    if (!isAppError(e)) throw e;
    const issues = (e.details.issues as { path: string; message: string }[] | undefined) ?? [];
    return { error: issues.length ? issues.map((i) => `${i.path}: ${i.message}`).join("; ") : e.message, email };
  }
  await appAuth().api.signInEmail({ body: { email: email.toLowerCase(), password }, headers: await headers() });
  redirect("/");
}
