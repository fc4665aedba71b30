/**
 * The CLI's client of a Cutover server's HTTP API (/api/v1, described at /api/openapi.json): bearer token,
 * JSON in and out, errors as `{ error: { code, message } }` turned into one message. An answer is checked
 * against the schema it is given (lib/http/api-wire.ts, the shapes the OpenAPI document is generated from):
 * a server of another version, or something else at that URL, fails as BAD_RESPONSE naming the field,
 * rather than as a TypeError deep in the report.
 */
import type { z } from "zod";
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

/** Without a schema the answer is returned unchecked, typed as the caller says (tests only; lib/cli passes one). */
export interface ApiClient {
  server: string;
  get<T>(path: string, schema?: z.ZodType<T>): Promise<T>;
  getBytes(path: string): Promise<Buffer>;
  send<T>(method: "POST" | "PUT", path: string, body?: unknown, schema?: z.ZodType<T>): Promise<T>;
  upload<T>(path: string, files: { name: string; bytes: Uint8Array }[], schema?: z.ZodType<T>): Promise<T>;
}

/** The first few zod issues as `path: message` (the path dotted, `(root)` for the whole answer). */
function describeIssues(issues: readonly z.core.$ZodIssue[], shown = 3): string {
  const text = issues
    .slice(0, shown)
    .map((i) => `${i.path.length ? i.path.map(String).join(".") : "(root)"}: ${i.message}`)
    .join("; ");
  return issues.length > shown ? `${text}; and ${issues.length - shown} more` : text;
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
  const read = async <T>(method: string, path: string, res: Response, schema?: z.ZodType<T>): Promise<T> => {
    const bad = (why: string) =>
      new ApiError(res.status, "BAD_RESPONSE", `${method} ${path}: ${res.status} BAD_RESPONSE: ${why}`);
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw bad(`the answer is not JSON: ${text.slice(0, 200)}`);
    }
    if (!schema) return json as T;
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw bad(`the answer does not match the API (${describeIssues(parsed.error.issues)})`);
    return parsed.data;
  };
  return {
    server: base,
    async get<T>(path: string, schema?: z.ZodType<T>) {
      return read("GET", path, await call("GET", path), schema);
    },
    async getBytes(path: string) {
      return Buffer.from(await (await call("GET", path)).arrayBuffer());
    },
    async send<T>(method: "POST" | "PUT", path: string, body?: unknown, schema?: z.ZodType<T>) {
      const res = await call(
        method,
        path,
        body === undefined ? undefined : JSON.stringify(body),
        body === undefined ? {} : { "content-type": "application/json" },
      );
      return read(method, path, res, schema);
    },
    async upload<T>(path: string, files: { name: string; bytes: Uint8Array }[], schema?: z.ZodType<T>) {
      const form = new FormData();
      for (const file of files) form.append("files", new File([new Uint8Array(file.bytes)], file.name));
      form.append("manifest", JSON.stringify(files.map((x) => ({ label: x.name, format: "auto", partOf: null }))));
      return read("POST", path, await call("POST", path, form), schema);
    },
  };
}

/** The API token: --token, else CUTOVER_API_TOKEN (kept out of the process list and shell history). */
export function apiToken(flag: string | undefined, env: Environment = readEnvironment()): string | null {
  return flag ?? env.CUTOVER_API_TOKEN ?? null;
}
