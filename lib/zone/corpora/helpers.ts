/** Shared helpers of the conformance tests (test-only). */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseZone, type ParseOptions, type ParseResult } from "../parse";
import { name } from "../name";

/** /work/shared/corpora, found relative to the checkout (../shared/corpora from the repo root). */
export const CORPORA = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../shared/corpora");

export function corpus(...parts: string[]): string {
  return join(CORPORA, ...parts);
}

export function readLatin1(path: string): string {
  return readFileSync(path, "latin1");
}

/** Parse a corpus file with $INCLUDE resolved relative to the including file. */
export function parseFile(path: string, origin: string | null, opts: Partial<ParseOptions> = {}): ParseResult {
  return parseZone(readLatin1(path), {
    file: path,
    origin: origin === null ? null : name(origin),
    include: (p, from) => {
      const full = p.startsWith("/") ? p : join(dirname(from), p);
      try {
        return { file: full, text: readLatin1(full) };
      } catch {
        return null;
      }
    },
    ...opts,
  });
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b).toString("hex").toUpperCase();
}

export function errors(r: ParseResult) {
  return r.diagnostics.filter((d) => d.severity === "error");
}
