/**
 * Content-Security-Policy values (CSP Level 3, W3C). Framework-free: proxy.ts
 * and next.config.ts only call these builders.
 *
 * Pages get a per-request nonce with 'strict-dynamic': Next.js reads the nonce
 * from the request's CSP header and puts it on its own inline bootstrap
 * scripts and chunk tags; chunks it loads later inherit trust through
 * 'strict-dynamic' (CSP3 §8.2), so no host allow-list and no 'unsafe-inline'.
 *
 * Styles keep 'unsafe-inline' on purpose: server-rendered `style=""`
 * attributes (virtualised tables, progress bar) cannot carry a nonce, and
 * Next's built-in 404 fallback emits an un-nonced <style>. A nonce in
 * style-src would silently switch 'unsafe-inline' off (CSP3 §6.7.3.3) and
 * break both. Injected CSS cannot exfiltrate anything here: img-src,
 * font-src and connect-src stay 'self', and no script can run.
 */

export interface PageCspOptions {
  /** base64 nonce for this response (see generateNonce). */
  nonce: string;
  /** Development: React reconstructs server error stacks with eval. */
  dev?: boolean;
}

/** 16 bytes = 128 bits, the minimum CSP3 §8.1 recommends for a nonce. */
export const NONCE_BYTES = 16;

/** base64-value from the nonce-source grammar (CSP3 §2.3.1). */
const BASE64_VALUE = /^[A-Za-z0-9+/_-]+={0,2}$/;

export type RandomFill = (bytes: Uint8Array) => Uint8Array;

const cryptoFill: RandomFill = (bytes) => globalThis.crypto.getRandomValues(bytes);

/** A fresh, unguessable nonce, base64 encoded. */
export function generateNonce(fill: RandomFill = cryptoFill): string {
  const bytes = fill(new Uint8Array(NONCE_BYTES));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function isValidNonce(nonce: string): boolean {
  return nonce.length >= 16 && BASE64_VALUE.test(nonce);
}

function serialize(directives: ReadonlyArray<readonly [string, ...string[]]>): string {
  return directives.map((d) => d.join(" ")).join("; ");
}

/** Directives shared by every policy: no framing, no plugins, no <base> hijack. */
const LOCKDOWN = [
  ["object-src", "'none'"],
  ["base-uri", "'none'"],
  ["frame-ancestors", "'none'"],
] as const;

/** The policy for HTML pages: scripts only through this response's nonce. */
export function pageCsp({ nonce, dev = false }: PageCspOptions): string {
  // A bad nonce would yield a policy that either blocks everything or, worse,
  // lets a header-injected token through: refuse instead of emitting it.
  if (!isValidNonce(nonce)) throw new Error("pageCsp: nonce must be base64 and at least 16 characters");
  const script: [string, ...string[]] = ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'"];
  if (dev) script.push("'unsafe-eval'");
  return serialize([
    ["default-src", "'self'"],
    script,
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["form-action", "'self'"],
    ...LOCKDOWN,
  ]);
}

/**
 * The policy for responses that are never documents to render (JSON, CSV,
 * bundles, JS/CSS chunks): nothing may load in their context at all
 * (OWASP REST Security Cheat Sheet, "Security headers").
 */
export function lockedCsp(): string {
  return serialize([["default-src", "'none'"], ["form-action", "'none'"], ...LOCKDOWN]);
}

/** Directive name → source list, names lower-cased; the first occurrence wins (CSP3 §2.2.1). */
export function parseCsp(header: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of header.split(";")) {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0) continue;
    const name = tokens[0].toLowerCase();
    if (!out.has(name)) out.set(name, tokens.slice(1));
  }
  return out;
}

/** The nonce a policy's script-src allows, or null. */
export function scriptNonce(header: string): string | null {
  const sources = parseCsp(header).get("script-src") ?? [];
  for (const s of sources) {
    const m = /^'nonce-([^']+)'$/.exec(s);
    if (m) return m[1];
  }
  return null;
}
