/** Shared helpers of the conformance tests (test-only). */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { corporaDir } from "../../config/corpora";
import { dirname, join } from "node:path";
import { describe } from "vitest";
import { parseZone, type ParseOptions, type ParseResult } from "../parse";
import { name } from "../name";

/**
 * Other projects' zone-file test suites (Knot, dnspython, BIND, NSD, ldns,
 * simdzone, root zones) are reference data kept outside this repository:
 * `CUTOVER_CORPORA`, default `../shared/corpora` beside the checkout. Where
 * they are absent the conformance suites say so once and are skipped; CI
 * sets them up and runs them.
 */
export const CORPORA = corporaDir();
export const CORPORA_PRESENT = existsSync(CORPORA);

let told = false;
/** `describe` for a conformance suite: skipped, with one line saying why, when the corpora are absent. */
export function describeCorpus(title: string, fn: () => void): void {
  if (CORPORA_PRESENT) {
    describe(title, fn);
    return;
  }
  if (!told) {
    told = true;
    console.warn(
      `[corpora] skipped: ${CORPORA} not found (set CUTOVER_CORPORA to the peer conformance suites to run them)`,
    );
  }
  describe.skip(title, () => undefined);
}

/** Directory listing inside the corpora ([] when they are absent, so collection never throws). */
export function listCorpus(...parts: string[]): string[] {
  return CORPORA_PRESENT ? readdirSync(join(CORPORA, ...parts)) : [];
}

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
