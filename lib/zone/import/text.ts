/**
 * Byte-level helpers shared by the importers: decoding and hashing.
 */
import { createHash } from "node:crypto";

/**
 * One char per octet: master files are octets, not UTF-8 (RFC 1035 §5.1),
 * so names and TXT strings keep their exact bytes through the parser.
 */
export function decodeLatin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

/** JSON exports are UTF-8 (RFC 8259 §8.1); a leading BOM is tolerated. */
export function decodeUtf8(bytes: Uint8Array): string {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Re-encode a JS string as latin1-per-char text (UTF-8 bytes, one char each) for parsers that expect octets. */
export function utf8ToOctetText(text: string): string {
  return decodeLatin1(new TextEncoder().encode(text));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
