/**
 * One error type with codes (DESIGN §11, after documenso's AppError): lib
 * throws it, every route handler and server action maps it through one table.
 */
export const APP_ERROR_STATUS = {
  /** No staff session and no capability: sign in first. */
  UNAUTHENTICATED: 401,
  /** Signed in, but the role may not do this (a maintainer invite asking for a staff action). */
  FORBIDDEN: 403,
  /** Missing, or belongs to another organisation / another invite's transfer: never says which. */
  NOT_FOUND: 404,
  /** A state-changing request whose Origin is not this site (CSRF, lib/auth/csrf.ts). */
  CROSS_SITE: 403,
  /** The state forbids it now (e.g. the first account already exists). */
  CONFLICT: 409,
  /** A body or upload over its size limit. */
  TOO_LARGE: 413,
  /** Input failed its zod schema; `issues` says where. */
  INVALID: 422,
  /** A per-organisation or per-link quota is used up; `retryAfterSeconds` says when to retry. */
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
export function appErrorResponse(e: AppError): { status: number; body: { error: AppErrorCode; message: string } & Record<string, unknown> } {
  return { status: e.status, body: { error: e.code, message: e.message, ...e.details } };
}
