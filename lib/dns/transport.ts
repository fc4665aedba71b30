/**
 * One exchange with one server over TCP (RFC 1035 §4.2.2, RFC 7766), and the
 * types shared with the UDP mux (udp-mux.ts). Never throws: every outcome is
 * an ExchangeResult. Sockets are closed on every path (answer, timeout,
 * abort, error).
 */
import net from "node:net";
import type { QueryError } from "./types";

export interface ExchangeTarget {
  address: string;
  port: number;
}

export interface ExchangeOptions extends ExchangeTarget {
  payload: Uint8Array;
  /** Whole exchange limit (a slow drip of bytes does not extend it). */
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Decide about one received message: "accept" ends the exchange with it,
 * "ignore" counts it as a mismatch and keeps waiting, "more" keeps it and
 * waits for more (AXFR streams), or a QueryError ends the exchange.
 */
export type FrameVerdict = "accept" | "ignore" | "more" | QueryError;

export type ExchangeResult =
  | { ok: true; frames: Uint8Array[]; mismatches: number; bytes: number }
  | { ok: false; error: QueryError; frames: Uint8Array[]; mismatches: number; bytes: number };

export function abortError(signal: AbortSignal | undefined): QueryError {
  const r = signal?.reason as { kind?: string; message?: string } | undefined;
  if (r && r.kind === "deadline") return { kind: "deadline", message: "run deadline reached" };
  return { kind: "cancelled", message: "cancelled" };
}

export interface TcpOptions extends ExchangeOptions {
  /** Stop (error "too-large") when more bytes than this arrive. */
  maxBytes?: number;
}

/**
 * Send one length-prefixed message over a fresh TCP connection and read
 * length-prefixed messages until the judge accepts one (or errors).
 */
export function exchangeTcp(opts: TcpOptions, judge: (frame: Uint8Array) => FrameVerdict): Promise<ExchangeResult> {
  return new Promise((resolve) => {
    let mismatches = 0;
    let bytes = 0;
    const frames: Uint8Array[] = [];
    if (opts.signal?.aborted) {
      resolve({ ok: false, error: abortError(opts.signal), frames, mismatches, bytes });
      return;
    }
    const maxBytes = opts.maxBytes ?? 1 << 20;
    let done = false;
    let buffered: Buffer = Buffer.alloc(0);
    const sock = net.connect({ host: opts.address, port: opts.port });
    const finish = (r: ExchangeResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      sock.destroy();
      resolve(r);
    };
    const fail = (error: QueryError) => finish({ ok: false, error, frames, mismatches, bytes });
    const onAbort = () => fail(abortError(opts.signal));
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    // Judged in the check phase, after the poll phase has read what the kernel holds: timers run before poll, so
    // after a busy spell an answer already received would otherwise be declared a timeout (as in udp-mux.ts).
    const timer = setTimeout(
      () =>
        setImmediate(() =>
          fail(
            mismatches > 0 && frames.length === 0
              ? { kind: "id-mismatch", message: `${mismatches} answer(s) did not match the query` }
              : { kind: "timeout", message: `TCP exchange not complete within ${opts.timeoutMs} ms` },
          ),
        ),
      opts.timeoutMs,
    );
    sock.on("error", (e) => fail({ kind: "network", message: e.message }));
    sock.on("connect", () => {
      const framed = Buffer.alloc(opts.payload.length + 2);
      framed.writeUInt16BE(opts.payload.length, 0);
      framed.set(opts.payload, 2);
      sock.write(framed);
    });
    sock.on("data", (chunk: Buffer) => {
      if (done) return;
      bytes += chunk.length;
      if (bytes > maxBytes) {
        fail({ kind: "too-large", message: `more than ${maxBytes} bytes received` });
        return;
      }
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && !done) {
        const len = buffered.readUInt16BE(0);
        if (buffered.length < 2 + len) break;
        const frame = Uint8Array.from(buffered.subarray(2, 2 + len));
        buffered = buffered.subarray(2 + len);
        const v = judge(frame);
        if (v === "ignore") {
          mismatches++;
          continue;
        }
        if (v === "more") {
          frames.push(frame);
          continue;
        }
        if (v === "accept") {
          frames.push(frame);
          finish({ ok: true, frames, mismatches, bytes });
          return;
        }
        fail(v);
        return;
      }
    });
    sock.on("end", () => {
      if (done) return;
      fail({
        kind: buffered.length > 0 ? "malformed" : "network",
        message:
          buffered.length > 0
            ? "connection closed inside a message"
            : "connection closed before the answer was complete",
      });
    });
  });
}
