/**
 * One error type with codes (after documenso's AppError): every use case in lib/app throws it (lib/app/use-case.ts)
 * and never returns a failure; route handlers (app/_lib/auth.ts `route`, app/_lib/api.ts `apiRoute`) answer it
 * through this table, pages turn NOT_FOUND into a 404 page, and server actions show it on the form (INVALID's
 * `issues` beside their fields). `details` carry what a caller needs to act on it, named per code below.
 */
export const APP_ERROR_STATUS = {
  /** No staff session, invite or API token where one is needed (lib/auth/require.ts): sign in first. */
  UNAUTHENTICATED: 401,
  /**
   * Signed in, but the role may not do this: a maintainer invite asking for a staff action, an API token without the
   * operation's scope.
   */
  FORBIDDEN: 403,
  /**
   * Missing, or belongs to another organisation, another invite's transfer or another transfer (a run, source, link or
   * revision): never says which, so ids cannot be probed. Also every refused capability token (wrong, revoked,
   * expired, malformed: "this link is not valid").
   */
  NOT_FOUND: 404,
  /** A state-changing request whose Origin is not this site (CSRF, lib/auth/csrf.ts). */
  CROSS_SITE: 403,
  /**
   * The state forbids it now; `reason` says which state: a run not executing (cancel) or not finished
   * (`not-done`), a decision standing in the way (`already-decided`, `not-a-blocker`, `not-a-warning`, with `keys`),
   * a revision that changed or was signed already (`revision-changed`, `already-signed`, `no-go-unconfirmed`), an
   * open transfer for the domain (`duplicate`, with `duplicates`), no window or no measured timing for the calendar
   * (`no-window`, `no-timing`), a link already re-issued, the first account already made.
   */
  CONFLICT: 409,
  /** A body or upload over its size limit (lib/http/read-body.ts, lib/app/sources/upload-limits.ts). */
  TOO_LARGE: 413,
  /**
   * Input failed its zod schema or a rule beside it; `issues` ({ path, message }[], lib/app/use-case.ts) says where,
   * and the message is the first issue's. Portfolio creation adds `rowErrors` and `validRows`.
   */
  INVALID: 422,
  /**
   * A quota is used up (lib/security/rate-limits.ts: capability-token attempts per address and per token, password
   * sign-ins; the organisation's hourly DNS query budget); `retryAfterSeconds` says when to retry.
   */
  RATE_LIMITED: 429,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: AppErrorCode, message?: string, details: Record<string, unknown> = {}) {
    super(message ?? code);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** The JSON body and status every route handler answers with for an AppError. */
export function appErrorResponse(e: AppError): {
  status: number;
  body: { error: AppErrorCode; message: string } & Record<string, unknown>;
} {
  return { status: e.status, body: { error: e.code, message: e.message, ...e.details } };
}
