/**
 * Shared machinery of the RDATA codecs: the error type, the scratch writer,
 * the token cursor (text side) and the wire reader.
 *
 * Codecs signal bad input by throwing RdataError; only parseRdata /
 * rdataToText / canonicalRdata catch it, so the public API never throws.
 * Wire is built in one reused scratch buffer and copied out once per record.
 */
import { copyBytes } from "../bytes";
import { DIAGNOSTIC_CODES as D, type DiagnosticCode } from "../diagnostics";
import type { Token } from "./types";

export class RdataError {
  constructor(
    readonly code: DiagnosticCode,
    readonly message: string,
    /** Token index (text side); -1 on the wire side. */
    readonly token: number,
  ) {}
}

// RFC 1035 §3.2.1: RDLENGTH is 16 bits.
export const MAX_RDATA = 65535;

/** Append-only scratch buffer; reset per record, copied out with take(). */
export class Writer {
  buf = new Uint8Array(MAX_RDATA + 1024);
  pos = 0;
  /** Token index blamed when the RDATA grows past 65535 octets. */
  blame = -1;

  reset(): void {
    this.pos = 0;
    this.blame = -1;
  }
  private room(n: number): void {
    if (this.pos + n > MAX_RDATA) {
      throw new RdataError(D.RDATA_TOO_LONG, "RDATA longer than 65535 octets", this.blame);
    }
  }
  u8(v: number): void {
    this.room(1);
    this.buf[this.pos++] = v;
  }
  u16(v: number): void {
    this.room(2);
    const b = this.buf;
    b[this.pos++] = v >>> 8;
    b[this.pos++] = v & 0xff;
  }
  u32(v: number): void {
    this.room(4);
    const b = this.buf;
    b[this.pos++] = v >>> 24;
    b[this.pos++] = (v >>> 16) & 0xff;
    b[this.pos++] = (v >>> 8) & 0xff;
    b[this.pos++] = v & 0xff;
  }
  bytes(src: Uint8Array, start = 0, end = src.length): void {
    this.room(end - start);
    this.buf.set(src.subarray(start, end), this.pos);
    this.pos += end - start;
  }
  /** Copy a wire name, lowercasing ASCII letters when asked (RFC 4034 §6.2). */
  name(src: Uint8Array, start: number, end: number, lower: boolean): void {
    this.room(end - start);
    const b = this.buf;
    let o = this.pos;
    if (lower) {
      for (let i = start; i < end; i++) {
        const c = src[i];
        b[o++] = c >= 0x41 && c <= 0x5a ? c + 32 : c;
      }
    } else {
      b.set(src.subarray(start, end), o);
      o += end - start;
    }
    // Length octets are <= 63 so the lowercase mapping never touches them.
    this.pos = o;
  }
  /** Reserve n bytes (filled later by the caller through buf). */
  skip(n: number): number {
    this.room(n);
    const at = this.pos;
    this.pos += n;
    return at;
  }
  /** A copy of what was written, in shared storage (bytes.ts). */
  take(): Uint8Array {
    return copyBytes(this.buf, 0, this.pos);
  }
}

/** The one writer all codecs share (single-threaded; reset per record). */
export const W = new Writer();

/** Cursor over the RDATA tokens of one record. */
export class TextCursor {
  tokens: Token[] = [];
  i = 0;
  start = 0;
  end = 0;
  origin: Uint8Array | null = null;

  reset(tokens: Token[], start: number, end: number, origin: Uint8Array | null): void {
    this.tokens = tokens;
    this.i = start;
    this.start = start;
    this.end = end;
    this.origin = origin;
  }
  more(): boolean {
    return this.i < this.end;
  }
  /** Next token or an UNEXPECTED_END error naming the missing field. */
  take(what: string): Token {
    if (this.i >= this.end) {
      throw new RdataError(D.UNEXPECTED_END, `missing ${what}`, this.lastIndex());
    }
    W.blame = this.i;
    return this.tokens[this.i++];
  }
  peek(): Token | undefined {
    return this.i < this.end ? this.tokens[this.i] : undefined;
  }
  /** Index of the token just taken (for error reports). */
  at(): number {
    return this.i - 1;
  }
  lastIndex(): number {
    // Point at the last token of the record (the type, when RDATA is empty).
    return this.end > 0 ? this.end - 1 : 0;
  }
  fail(code: DiagnosticCode, message: string, token = this.i - 1): never {
    throw new RdataError(code, message, token);
  }
  /** All tokens consumed, else TRAILING_DATA at the first extra one. */
  done(): void {
    if (this.i < this.end) {
      throw new RdataError(D.TRAILING_DATA, `unexpected "${this.tokens[this.i].text}" after the RDATA`, this.i);
    }
  }
}

export const C = new TextCursor();

/** Bounds-checked reader over wire RDATA; every failure is BAD_GENERIC_RDATA. */
export class WireReader {
  data: Uint8Array = new Uint8Array(0);
  pos = 0;
  end = 0;

  reset(data: Uint8Array): void {
    this.data = data;
    this.pos = 0;
    this.end = data.length;
  }
  left(): number {
    return this.end - this.pos;
  }
  more(): boolean {
    return this.pos < this.end;
  }
  need(n: number, what: string): void {
    if (this.pos + n > this.end) throw wireError(`RDATA too short for ${what}`);
  }
  u8(): number {
    this.need(1, "an 8-bit field");
    return this.data[this.pos++];
  }
  u16(): number {
    this.need(2, "a 16-bit field");
    const d = this.data;
    const v = (d[this.pos] << 8) | d[this.pos + 1];
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4, "a 32-bit field");
    const d = this.data;
    const p = this.pos;
    this.pos += 4;
    return ((d[p] << 24) >>> 0) + ((d[p + 1] << 16) | (d[p + 2] << 8) | d[p + 3]);
  }
  bytes(n: number): Uint8Array {
    this.need(n, `${n} octets`);
    const out = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  rest(): Uint8Array {
    const out = this.data.subarray(this.pos, this.end);
    this.pos = this.end;
    return out;
  }
  /** Validate an uncompressed wire name at pos; returns its end offset. */
  nameEnd(): number {
    const d = this.data;
    let i = this.pos;
    for (;;) {
      if (i >= this.end) throw wireError("name runs past the end of the RDATA");
      const len = d[i];
      if (len === 0) break;
      // RFC 1035 §4.1.4: compression pointers are not allowed in stored RDATA.
      if (len > 63) throw wireError("label longer than 63 octets (or a compression pointer)");
      i += len + 1;
    }
    i++;
    if (i - this.pos > 255) throw wireError("name longer than 255 octets");
    return i;
  }
  done(): void {
    if (this.pos !== this.end) throw wireError(`${this.end - this.pos} unexpected octets after the RDATA`);
  }
}

export const R = new WireReader();

export function wireError(message: string): RdataError {
  return new RdataError(D.BAD_GENERIC_RDATA, message, -1);
}
