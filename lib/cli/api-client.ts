/**
 * The CLI's client of a Cutover server's HTTP API (/api/v1, described at /api/openapi.json): bearer token,
 * JSON in and out, errors as `{ error: { code, message } }` turned into one message.
 */
import { readEnvironment, type Environment } from "../config/environment";
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiClient {
  server: string;
  get<T>(path: string): Promise<T>;
  getBytes(path: string): Promise<Buffer>;
  send<T>(method: "POST" | "PUT", path: string, body?: unknown): Promise<T>;
  upload<T>(path: string, files: { name: string; bytes: Uint8Array }[]): Promise<T>;
}

/** The server's base URL: http(s) only, no query or fragment; a trailing slash is dropped. */
export function parseServerUrl(text: string): URL | string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return `--server needs an http(s) URL, not ${text}`;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return `--server needs an http(s) URL, not ${text}`;
  if (u.search || u.hash || u.username || u.password)
    return "--server takes the server's base URL only (no query, fragment or credentials)";
  u.pathname = u.pathname.replace(/\/+$/, "");
  return u;
}

export function apiClient(
  server: URL,
  token: string,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): ApiClient {
  const f = options.fetch ?? fetch;
  const base = server.toString().replace(/\/+$/, "");
  const call = async (
    method: string,
    path: string,
    body?: BodyInit,
    headers: Record<string, string> = {},
  ): Promise<Response> => {
    let res: Response;
    try {
      res = await f(base + path, {
        method,
        body,
        headers: { authorization: `Bearer ${token}`, accept: "application/json", ...headers },
        signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
        redirect: "error",
      });
    } catch (e) {
      throw new ApiError(0, "NETWORK", `${method} ${base}${path}: ${(e as Error).message}`);
    }
    if (res.ok) return res;
    const text = await res.text();
    let code = `HTTP_${res.status}`;
    let message = text.slice(0, 500) || res.statusText;
    try {
      const j = JSON.parse(text) as {
        error?: { code?: string; message?: string; issues?: { path: string; message: string }[] };
      };
      if (j.error?.code) {
        code = j.error.code;
        message = j.error.message ?? code;
        if (j.error.issues?.length)
          message += ` (${j.error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")})`;
      }
    } catch {
      // not JSON: keep the text
    }
    throw new ApiError(res.status, code, `${method} ${path}: ${res.status} ${code}: ${message}`);
  };
  return {
    server: base,
    async get<T>(path: string) {
      return (await (await call("GET", path)).json()) as T;
    },
    async getBytes(path: string) {
      return Buffer.from(await (await call("GET", path)).arrayBuffer());
    },
    async send<T>(method: "POST" | "PUT", path: string, body?: unknown) {
      const res = await call(
        method,
        path,
        body === undefined ? undefined : JSON.stringify(body),
        body === undefined ? {} : { "content-type": "application/json" },
      );
      return (await res.json()) as T;
    },
    async upload<T>(path: string, files: { name: string; bytes: Uint8Array }[]) {
      const form = new FormData();
      for (const file of files) form.append("files", new File([new Uint8Array(file.bytes)], file.name));
      form.append("manifest", JSON.stringify(files.map((x) => ({ label: x.name, format: "auto", partOf: null }))));
      return (await (await call("POST", path, form)).json()) as T;
    },
  };
}

/** The API token: --token, else CUTOVER_API_TOKEN (kept out of the process list and shell history). */
export function apiToken(flag: string | undefined, env: Environment = readEnvironment()): string | null {
  return flag ?? env.CUTOVER_API_TOKEN ?? null;
}
