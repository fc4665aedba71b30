import { toNextJsHandler } from "better-auth/next-js";
import { appAuth } from "@/app/_lib/auth";
import { appErrorResponse, isAppError } from "@/lib/errors/app-error";
import { readBody } from "@/lib/http/read-body";

export const dynamic = "force-dynamic";

// better-auth's own endpoints (sign-in, sign-out, session, OIDC redirect/callback);
// it checks Origin against the site itself for its state-changing requests.
const handlers = () => toNextJsHandler(appAuth());

/** Sign-in and sign-out bodies are a few hundred bytes; better-auth itself would read any length. */
const MAX_AUTH_BODY_BYTES = 64 * 1024;

export async function GET(request: Request) {
  return handlers().GET(request);
}

export async function POST(request: Request) {
  let body: Uint8Array<ArrayBuffer>;
  try {
    // Public by design: these endpoints are how one authenticates; the limit still holds while streaming.
    body = await readBody({ request, maxBytes: MAX_AUTH_BODY_BYTES, authorise: async () => undefined });
  } catch (e) {
    if (!isAppError(e)) throw e;
    const { status, body: error } = appErrorResponse(e);
    return Response.json(error, { status });
  }
  const headers = new Headers(request.headers);
  headers.delete("transfer-encoding");
  headers.set("content-length", String(body.byteLength));
  return handlers().POST(
    new Request(request.url, { method: "POST", headers, body: body.byteLength ? body : null, signal: request.signal }),
  );
}
