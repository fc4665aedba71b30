// Next.js Proxy (the Next 16 name for middleware): a fresh CSP nonce per page
// request. The logic lives in lib/security/headers.ts.
import { NextResponse, type NextRequest } from "next/server";
import { securePageRequest } from "./lib/security/headers";

export function proxy(request: NextRequest) {
  const secured = securePageRequest(request.headers, { dev: process.env.NODE_ENV !== "production" });
  const response = NextResponse.next({ request: { headers: secured.requestHeaders } });
  for (const h of secured.responseHeaders) response.headers.set(h.key, h.value);
  return response;
}

export const config = {
  // Not /api: the proxy buffers request bodies (10 MB by default), which would
  // cut large uploads; API routes and build assets carry the locked policy
  // from next.config.ts instead.
  matcher: ["/((?!api/|_next/static/|_next/image|favicon\\.ico$).*)"],
};
