/** The options `zone normalize` and `zone diff` share: --format and --default-ttl, checked the same way. */
import { IMPORT_FORMATS } from "../zone/import/types";

/** Why a --format value is not one the importers know, or null when it is (auto or a format name). */
export function unknownFormat(format: string): string | null {
  return format === "auto" || (IMPORT_FORMATS as readonly string[]).includes(format)
    ? null
    : `unknown format ${JSON.stringify(format)} (auto, ${IMPORT_FORMATS.join(", ")})`;
}

/** --default-ttl: seconds, 0..2^31-1 (RFC 2181 §8); absent stays absent. */
export function parseDefaultTtl(
  text: string | undefined,
): { ok: true; value: number | undefined } | { ok: false; message: string } {
  if (text === undefined) return { ok: true, value: undefined };
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0x7fffffff) {
    return {
      ok: false,
      message: `--default-ttl must be a number of seconds 0..2147483647, got ${JSON.stringify(text)}`,
    };
  }
  return { ok: true, value: Number(text) };
}
