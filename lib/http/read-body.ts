/**
 * The one way a route handler reads a request body. The probe
 * drove the server's memory up ~1 GB with a chunked body (no Content-Length)
 * sent without a session: `request.text()` / `formData()` read everything
 * before any limit, and the JSON routes did it before authentication.
 *
 * Here `authorise` runs first (an unauthenticated or unauthorised request is
 * refused before a byte is pulled), a declared Content-Length over the limit
 * is refused up front, and the body is pulled as a stream with a running
 * count: at the first chunk past the limit the stream is cancelled (the
 * connection stops being read) and TOO_LARGE is thrown. Memory is bounded by
 * the limit plus one chunk.
 */
import { AppError } from "../errors/app-error";

export interface ReadBodyOptions {
  request: Request;
  maxBytes: number;
  /**
   * Authentication and authorisation, run before the body is touched; throws
   * an AppError (401/403/404) to refuse. Public endpoints say so explicitly
   * with a function that resolves (e.g. sign-in, which is how one authenticates).
   */
  authorise: () => Promise<unknown>;
  /** The TOO_LARGE message (default: "request body over N bytes"). */
  tooLarge?: (bytes: number) => string;
}

function tooLarge(o: ReadBodyOptions, bytes: number): AppError {
  return new AppError("TOO_LARGE", o.tooLarge?.(bytes) ?? `request body over ${o.maxBytes} bytes`, {
    limitBytes: o.maxBytes,
  });
}

/** The body's bytes, at most `maxBytes` of them (else AppError TOO_LARGE), after `authorise` allowed the request. */
export async function readBody(o: ReadBodyOptions): Promise<Uint8Array<ArrayBuffer>> {
  await o.authorise();
  const declared = o.request.headers.get("content-length");
  if (declared !== null) {
    const n = Number(declared);
    if (!/^\d+$/.test(declared.trim()) || !Number.isSafeInteger(n))
      throw new AppError("INVALID", "malformed Content-Length");
    if (n > o.maxBytes) throw tooLarge(o, n);
  }
  const body = o.request.body;
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > o.maxBytes) {
        // Stop pulling: the rest of the body is never read (Node then closes the connection).
        await reader.cancel("request body over the limit").catch(() => undefined);
        throw tooLarge(o, total);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A JSON body (readBody's limits), else AppError INVALID. */
export async function readJsonBody(o: ReadBodyOptions): Promise<unknown> {
  const bytes = await readBody(o);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw new AppError("INVALID", "expected a JSON body");
  }
}

/**
 * A multipart form (an upload) through readBody's bounded buffer: the parts
 * are parsed only once the whole body is known to be within `maxBytes`.
 */
export async function readFormBody(o: ReadBodyOptions): Promise<FormData> {
  const bytes = await readBody(o);
  const type = o.request.headers.get("content-type") ?? "";
  try {
    return await new Response(bytes, { headers: { "content-type": type } }).formData();
  } catch {
    throw new AppError("INVALID", "expected a multipart form upload");
  }
}
