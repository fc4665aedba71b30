import { describe, expect, it } from "vitest";
import { normalizeDomain } from "../../zone/domain";
import { transferInputSchema } from "./transfer-input";

const valid = {
  domain: "project.test",
  losingRegistrar: "Old Registrar",
  gainingRegistrar: "New Registrar",
  currentDnsOperator: "Old DNS",
  futureDnsOperator: "New DNS",
  dnsHostingMoves: "yes",
};

describe("normalizeDomain", () => {
  it("stores the A-label and shows the Unicode form of an IDN", () => {
    expect(normalizeDomain("Bücher.test")).toEqual({ ascii: "xn--bcher-kva.test", unicode: "bücher.test" });
  });
  it("accepts an A-label and recovers the Unicode form", () => {
    expect(normalizeDomain("xn--bcher-kva.test")).toEqual({ ascii: "xn--bcher-kva.test", unicode: "bücher.test" });
  });
  it("lowercases and drops one trailing dot", () => {
    expect(normalizeDomain(" Project.TEST. ")).toEqual({ ascii: "project.test", unicode: "project.test" });
  });
  it.each([
    "",
    "localhost",
    "exa mple.test",
    "-bad.test",
    "bad-.test",
    "a..test",
    "under_score.test",
    "example.123",
    `${"a".repeat(64)}.test`,
  ])("rejects %j", (text) => {
    expect(normalizeDomain(text)).toBeNull();
  });
  it("rejects names over 253 characters", () => {
    const long = `${Array.from({ length: 5 }, () => "a".repeat(60)).join(".")}.test`;
    expect(long.length).toBeGreaterThan(253);
    expect(normalizeDomain(long)).toBeNull();
  });
});

describe("transferInputSchema", () => {
  it("parses a complete form with the answer yes", () => {
    const out = transferInputSchema.parse(valid);
    expect(out).toEqual({
      domain: { ascii: "project.test", unicode: "project.test" },
      losingRegistrar: "Old Registrar",
      gainingRegistrar: "New Registrar",
      currentDnsOperator: "Old DNS",
      futureDnsOperator: "New DNS",
      dnsHostingMoves: true,
    });
  });
  it("maps 'no' and JSON false to false", () => {
    expect(transferInputSchema.parse({ ...valid, dnsHostingMoves: "no" }).dnsHostingMoves).toBe(false);
    expect(transferInputSchema.parse({ ...valid, dnsHostingMoves: false }).dnsHostingMoves).toBe(false);
  });
  it("has no default for the DNS hosting question", () => {
    const { dnsHostingMoves: _omit, ...rest } = valid;
    void _omit;
    const r = transferInputSchema.safeParse(rest);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["dnsHostingMoves"]);
  });
  it("rejects answers other than yes/no", () => {
    expect(transferInputSchema.safeParse({ ...valid, dnsHostingMoves: "maybe" }).success).toBe(false);
    expect(transferInputSchema.safeParse({ ...valid, dnsHostingMoves: "" }).success).toBe(false);
  });
  it("accepts an IDN and stores both forms", () => {
    const out = transferInputSchema.parse({ ...valid, domain: "münchen.test" });
    expect(out.domain).toEqual({ ascii: "xn--mnchen-3ya.test", unicode: "münchen.test" });
  });
  it("reports every missing party by field", () => {
    const r = transferInputSchema.safeParse({ domain: "not a domain", dnsHostingMoves: "yes", losingRegistrar: "  " });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0]).sort()).toEqual([
      "currentDnsOperator",
      "domain",
      "futureDnsOperator",
      "gainingRegistrar",
      "losingRegistrar",
    ]);
  });
});
