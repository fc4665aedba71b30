/**
 * CSRF protection for route handlers. Server actions already
 * compare Origin with Host in Next.js; route handlers call this shared check
 * for every state-changing method. A browser always sends Origin on a
 * cross-origin POST (Fetch standard), so a request whose Origin is another
 * site is refused; Sec-Fetch-Site: cross-site is refused too. Requests with
 * neither header are not from a browser form or fetch (curl, the CLI) and
 * carry no ambient cookies to abuse... unless a cookie is present, in which
 * case Origin is required.
 */
import { AppError } from "../errors/app-error";
import { readEnvironment, type Environment } from "../config/environment";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

function expectedHosts(headers: Headers, env: Record<string, string | undefined>): Set<string> {
  const hosts = new Set<string>();
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (host) hosts.add(host.toLowerCase());
  for (const u of [env.CUTOVER_BASE_URL, ...(env.CUTOVER_TRUSTED_ORIGINS ?? "").split(",")]) {
    try {
      if (u && u.trim()) hosts.add(new URL(u.trim()).host.toLowerCase());
    } catch {
      // not a URL: ignored
    }
  }
  return hosts;
}

export function sameOriginProblem(
  method: string,
  headers: Headers,
  env: Environment = readEnvironment(),
): string | null {
  if (SAFE.has(method.toUpperCase())) return null;
  if (headers.get("sec-fetch-site") === "cross-site") return "cross-site request refused";
  const origin = headers.get("origin");
  if (origin === null || origin === "null") {
    const hasCookie = (headers.get("cookie") ?? "") !== "";
    return hasCookie ? "a state-changing request with cookies must carry an Origin header" : null;
  }
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return "malformed Origin header";
  }
  return expectedHosts(headers, env).has(host) ? null : `Origin ${origin} is not this site`;
}

/** Throws AppError CROSS_SITE for a state-changing request from another site. */
export function assertSameOrigin(request: Request, env: Environment = readEnvironment()): void {
  const p = sameOriginProblem(request.method, request.headers, env);
  if (p !== null) throw new AppError("CROSS_SITE", p);
}
