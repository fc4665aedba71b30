/**
 * Route handlers of the HTTP API (app/api/v1): the caller is an organisation API token
 * (`Authorization: Bearer`, RFC 6750 §2.1), never a session cookie — so a browser cannot be made to send it
 * cross-site and no CSRF check is needed. The scope an operation needs comes from lib/app/api/operations.ts,
 * the table the OpenAPI document is made from. Errors answer `{ error: { code, message } }` with the AppError status.
 */
import type { StaffActor } from "@/lib/auth/actor";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { authenticateApiToken, bearerToken, requireApiScope } from "@/lib/app/api-tokens/authenticate";
import { API_OPERATIONS, type ApiOperationId } from "@/lib/app/api/operations";
import { readJsonBody } from "@/lib/http/read-body";
import { abuseLimits } from "@/lib/config/abuse-limits";

type Handler<P> = (ctx: { request: Request; actor: StaffActor; params: P }) => Promise<Response>;

export function apiErrorResponse(e: AppError): Response {
  const { issues, retryAfterSeconds } = e.details as { issues?: unknown; retryAfterSeconds?: unknown };
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (typeof retryAfterSeconds === "number") headers["retry-after"] = String(retryAfterSeconds);
  // RFC 6750 §3: a 401 names the scheme; a wrong scope is insufficient_scope.
  if (e.code === "UNAUTHENTICATED") headers["www-authenticate"] = 'Bearer realm="cutover"';
  if (e.code === "FORBIDDEN") headers["www-authenticate"] = 'Bearer realm="cutover", error="insufficient_scope"';
  const error = {
    code: e.code,
    message: e.message,
    ...(Array.isArray(issues) ? { issues: issues.map(issueOf) } : {}),
    ...(typeof retryAfterSeconds === "number" ? { retryAfterSeconds } : {}),
  };
  return Response.json({ error }, { status: e.status, headers });
}

function issueOf(i: unknown): { path: string; message: string } {
  const x = i as { path?: unknown; message?: unknown };
  return { path: Array.isArray(x.path) ? x.path.join(".") : String(x.path ?? ""), message: String(x.message ?? "") };
}

export function apiJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

/**
 * The JSON body, cut at the limit, read only after the token and its scope were accepted (the wrapper did
 * that) and `authorise` allowed the transfer (another organisation's gets 404 before a byte is read).
 */
export function apiBody(request: Request, authorise: () => Promise<unknown> = async () => undefined): Promise<unknown> {
  return readJsonBody({ request, maxBytes: abuseLimits().maxJsonBodyBytes, authorise });
}

export function apiRoute<P = Record<string, never>>(
  operationId: ApiOperationId,
  handler: Handler<P>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  const { scope } = API_OPERATIONS[operationId];
  return async (request, context) => {
    try {
      const actor = requireApiScope(await authenticateApiToken(bearerToken(request.headers)), scope);
      return await handler({ request, actor, params: await context.params });
    } catch (e) {
      if (!isAppError(e)) throw e;
      return apiErrorResponse(e);
    }
  };
}
