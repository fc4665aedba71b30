import { describe, expect, it } from "vitest";
import { CHECK_IDS } from "./catalogue";
import { GLOSSARY, glossaryAnchor, glossaryGaps, plainTitle } from "./glossary";

describe("glossary", () => {
  it("explains every check in the catalogue, and nothing else", () => {
    expect(glossaryGaps()).toEqual({ stale: [], missing: [] });
    expect(GLOSSARY.map((g) => g.id)).toEqual(CHECK_IDS);
    for (const g of GLOSSARY) {
      expect(g.problem.length, g.id).toBeGreaterThan(5);
      expect(g.meaning.length, g.id).toBeGreaterThan(20);
      if (g.severity !== "info") expect(g.fix.length, g.id).toBeGreaterThan(10);
    }
  });

  it("gives findings a plain title; an unknown id stays as it is", () => {
    expect(plainTitle("INV-MISSING-AT-NEW")).toBe("missing at the new operator");
    expect(plainTitle("DEL-SUBZONE-CUT")).toBe("delegation missing at the new operator");
    expect(plainTitle("SVC-CAA-MISSING")).toBe("SVC-CAA-MISSING");
    expect(glossaryAnchor("SEC-DS-NO-DNSKEY")).toBe("check-SEC-DS-NO-DNSKEY");
  });
});
