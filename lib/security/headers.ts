/**
 * Security headers (DESIGN §10). Framework-free: next.config.ts turns
 * STATIC_HEADER_RULES into its headers() list, proxy.ts applies
 * securePageRequest() to every page request.
 */
import { generateNonce, lockedCsp, pageCsp, type RandomFill } from "./csp";

export interface Header {
  key: string;
  value: string;
}

/** Headers every response carries, whatever produced it. */
export const BASE_HEADERS: readonly Header[] = [
  // No MIME sniffing: an uploaded zone served as text never becomes script.
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Capability links live in URLs: never leak them to another site.
  { key: "Referrer-Policy", value: "no-referrer" },
  // frame-ancestors 'none' for browsers without CSP2.
  { key: "X-Frame-Options", value: "DENY" },
  // Only features Chromium recognises: unknown ones log console errors.
  {
    key: "Permissions-Policy",
    value:
      "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

export const CSP = "Content-Security-Policy";
/** Request header carrying the nonce to server components (Next.js CSP guide). */
export const NONCE_HEADER = "x-nonce";

export interface HeaderRule {
  source: string;
  headers: Header[];
}

/**
 * next.config headers(): the base set plus the locked CSP on every path. For
 * pages proxy.ts replaces that CSP with the nonce policy (Next applies config
 * headers first, then the proxy's: later wins), so a path the proxy misses
 * still fails closed instead of going without a policy.
 */
export function staticHeaderRules(): HeaderRule[] {
  return [{ source: "/:path*", headers: [...BASE_HEADERS, { key: CSP, value: lockedCsp() }] }];
}

export interface SecuredPageRequest {
  nonce: string;
  /** The request headers to forward: Next reads the nonce from their CSP. */
  requestHeaders: Headers;
  /** Headers to set on the response. */
  responseHeaders: Header[];
}

/**
 * A fresh nonce for one page request. Any client-sent CSP or x-nonce request
 * header is overwritten, so the client cannot choose the nonce Next renders.
 */
export function securePageRequest(
  incoming: Headers,
  opts: { dev?: boolean; fill?: RandomFill } = {},
): SecuredPageRequest {
  const nonce = generateNonce(opts.fill);
  const policy = pageCsp({ nonce, dev: opts.dev });
  const requestHeaders = new Headers(incoming);
  requestHeaders.set(CSP, policy);
  requestHeaders.set(NONCE_HEADER, nonce);
  return { nonce, requestHeaders, responseHeaders: [...BASE_HEADERS, { key: CSP, value: policy }] };
}
