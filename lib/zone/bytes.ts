/**
 * Small byte arrays for parsed names and RDATA, carved from shared chunks.
 * Why: a 1M-record zone holds about 1.5M such arrays; with an ArrayBuffer
 * (and its backing store) each, they cost more memory than their bytes and
 * a quarter of the parse time went to the garbage collector. A chunk is
 * never written twice, so every view keeps its bytes for as long as it
 * lives; a chunk is freed when its last view is.
 */
const CHUNK = 64 * 1024;
/** Larger requests get their own buffer (a chunk must not be pinned by one big array). */
const MAX_SHARED = 1024;

let chunk = new Uint8Array(CHUNK);
let used = 0;

/** A zero-filled array of n bytes. */
export function allocBytes(n: number): Uint8Array {
  if (n > MAX_SHARED) return new Uint8Array(n);
  if (used + n > CHUNK) {
    chunk = new Uint8Array(CHUNK);
    used = 0;
  }
  const out = chunk.subarray(used, used + n);
  used += n;
  return out;
}

/** A copy of src[start..end) in shared storage. */
export function copyBytes(src: Uint8Array, start = 0, end = src.length): Uint8Array {
  const out = allocBytes(end - start);
  out.set(src.subarray(start, end));
  return out;
}
