/**
 * The app's side of authentication: the better-auth instance with the
 * Next.js cookie plugin (server actions set the session cookie), the
 * current actor for pages and actions, and the route handler wrapper
 * (authenticate → CSRF → handler → AppError table; DESIGN §11).
 */
import { clientAddress } from "@/lib/security/client-address";
import { nextCookies } from "better-auth/next-js";
import { headers } from "next/headers";
import { redirect, notFound } from "next/navigation";
import { NextResponse } from "next/server";
import type { Actor, StaffActor } from "@/lib/auth/actor";
import { appErrorResponse, isAppError } from "@/lib/errors/app-error";
import { assertSameOrigin } from "@/lib/auth/csrf";
import { createAuth, type Auth } from "@/lib/auth/server";
import { actorFromHeaders, staffFromHeaders } from "@/lib/app/accounts/request-actor";
import { needsFirstRunSetup } from "@/lib/app/accounts/staff-users";
import { fieldErrors, type Issue } from "@/lib/app/use-case";

const holder = globalThis as unknown as { __cutoverAppAuth?: Auth };

export function appAuth(): Auth {
  holder.__cutoverAppAuth ??= createAuth({ plugins: [nextCookies()] });
  return holder.__cutoverAppAuth;
}

/** Rate-limit address (lib/security/client-address.ts: the trusted proxy's hop, never the client's own claim). */
export function clientIp(h: Headers): string {
  return clientAddress(h);
}

/** Server components and actions: the staff member signed in, or null. */
export async function currentStaff(): Promise<StaffActor | null> {
  return staffFromHeaders(await headers(), appAuth());
}

/** Staff pages: the staff member, or a redirect to first-run setup / sign-in. */
export async function pageStaff(): Promise<StaffActor> {
  const staff = await currentStaff();
  if (staff) return staff;
  redirect((await needsFirstRunSetup()) ? "/setup" : "/sign-in");
}

/** Pages: AppError NOT_FOUND → notFound(), UNAUTHENTICATED → sign-in; anything else propagates. */
export async function pageCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    if (isAppError(e) && e.code === "UNAUTHENTICATED") redirect("/sign-in");
    throw e;
  }
}

/** Server actions: the actor for a staff action (null → the lib call answers UNAUTHENTICATED). */
export async function actionActor(): Promise<Actor | null> {
  return currentStaff();
}

/** The message a form shows for an AppError. */
export function actionMessage(e: unknown): string {
  if (!isAppError(e)) throw e;
  switch (e.code) {
    case "UNAUTHENTICATED":
      return "Your session has ended: sign in again.";
    case "NOT_FOUND":
    case "FORBIDDEN":
    case "CROSS_SITE":
      return "No such transfer";
    default:
      return e.message;
  }
}

/** A form's field issues from an AppError("INVALID") (lib/app/use-case.ts), shown beside their fields; [] for other codes. */
export function actionIssues(e: unknown): Issue[] {
  if (!isAppError(e)) throw e;
  return e.code === "INVALID" && Array.isArray(e.details.issues) ? (e.details.issues as Issue[]) : [];
}

/** Field → first message (the forms that show `errors.domain`), from an AppError("INVALID"); other codes under `form`. */
export function actionFieldErrors(e: unknown): Record<string, string> {
  const issues = actionIssues(e);
  return issues.length > 0 ? fieldErrors(issues) : { form: actionMessage(e) };
}

type Handler<P> = (ctx: { request: Request; actor: Actor | null; params: P }) => Promise<Response>;

/**
 * Every route handler: CSRF check for state-changing methods, actor from the
 * session cookie or invite header, then the handler; AppError → its status.
 */
export function route<P = Record<string, never>>(
  handler: Handler<P>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request: Request, context: { params: Promise<P> }) => {
    try {
      assertSameOrigin(request);
      const actor = await actorFromHeaders({
        headers: request.headers,
        ip: clientIp(request.headers),
        auth: appAuth(),
      });
      return await handler({ request, actor, params: await context.params });
    } catch (e) {
      if (!isAppError(e)) throw e;
      const { status, body } = appErrorResponse(e);
      const headers: Record<string, string> =
        typeof body.retryAfterSeconds === "number" ? { "retry-after": String(body.retryAfterSeconds) } : {};
      return NextResponse.json(body, { status, headers });
    }
  };
}
