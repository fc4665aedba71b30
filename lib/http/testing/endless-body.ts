/**
 * A request body that never ends (or ends after `totalBytes`, so code that reads
 * everything still terminates in a test that must fail first), counting what
 * the server pulled from it.
 */
export interface EndlessBody {
  stream: ReadableStream<Uint8Array>;
  /** Bytes handed to the reader so far. */
  pulled(): number;
  cancelled(): boolean;
}

export function endlessBody(chunkBytes = 64 * 1024, totalBytes = Infinity): EndlessBody {
  let pulled = 0;
  let cancelled = false;
  const chunk = new Uint8Array(chunkBytes).fill(0x20);
  // highWaterMark 0: nothing is produced until someone reads.
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (pulled >= totalBytes) return c.close();
        pulled += chunkBytes;
        c.enqueue(chunk.slice());
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled, cancelled: () => cancelled };
}

/** A chunked POST (no Content-Length) carrying `body`. */
export function chunkedRequest(
  url: string,
  body: ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
): Request {
  return new Request(url, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}
