/**
 * Other projects' zone-file test suites (Knot, dnspython, BIND, NSD, ldns, simdzone, root zones) are reference data
 * kept outside this repository: CUTOVER_CORPORA, default `../shared/corpora` beside the checkout. Read by the
 * conformance tests (lib/zone/corpora/) and the fuzzer's seeds (lib/tools/fuzz/seeds.ts).
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readEnvironment, type Environment } from "./environment";

export function corporaDir(env: Environment = readEnvironment()): string {
  return resolve(env.CUTOVER_CORPORA ?? fileURLToPath(new URL("../../../shared/corpora", import.meta.url)));
}
