/**
 * Replays every input of the fuzz regression corpus (lib/tools/fuzz/corpus/) with
 * the fuzz properties: no throw, time within the per-size bound, well-formed
 * diagnostics. Inputs land here when `npm run fuzz` finds them, plus
 * hand-written hostile cases; a failing entry is a bug in the target, not in
 * the corpus.
 */
import { describe, expect, it } from "vitest";
import { loadCorpus } from "./corpus";
import { checkInput } from "./targets";

const entries = loadCorpus();

describe("fuzz regression corpus", () => {
  it("has hand-written seeds for every target", () => {
    const targets = new Set(entries.map((e) => e.input.target));
    expect([...targets].sort()).toEqual(["dns", "import", "rdata", "zone"]);
  });

  for (const e of entries) {
    it(`${e.file} keeps the fuzz properties`, () => {
      // Slack ×10: the replay looks for blow-ups (seconds for bytes of input),
      // not for speed; a loaded CI machine must not turn it into a timing test.
      expect(checkInput(e.input, { slack: 10 }).violations).toEqual([]);
    }, 120_000);
  }
});
