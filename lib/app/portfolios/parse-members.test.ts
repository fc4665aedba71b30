import { describe, expect, test } from "vitest";
import { parseDomainList, parseMembers, parseMembersCsv, sharedFactsSchema } from "./parse-members";

const shared = sharedFactsSchema.parse({
  losingRegistrar: "Old Reg",
  gainingRegistrar: "New Reg",
  currentDnsOperator: "Old DNS",
  futureDnsOperator: "New DNS",
  dnsHostingMoves: "yes",
});
const noShared = sharedFactsSchema.parse({});

describe("pasted list", () => {
  test("one domain per line, blanks and comments skipped, several per line allowed; each takes the shared facts", () => {
    const r = parseDomainList("example.com\n\n# customer B\nBücher.DE, shop.example.org\n", shared);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.errors).toEqual([]);
    expect(r.rows.map((m) => [m.row, m.transfer.domain.ascii, m.transfer.domain.unicode])).toEqual([
      [1, "example.com", "example.com"],
      [4, "xn--bcher-kva.de", "bücher.de"],
      [4, "shop.example.org", "shop.example.org"],
    ]);
    expect(r.rows[0]!.transfer).toMatchObject({
      losingRegistrar: "Old Reg",
      futureDnsOperator: "New DNS",
      dnsHostingMoves: true,
    });
  });

  test("invalid names and duplicates are listed with their line numbers; the valid rows stay", () => {
    const r = parseDomainList("good.test\nnot a domain!\nlocalhost\ngood.test.\n", shared);
    if (!r.ok) throw new Error(r.message);
    expect(r.rows.map((m) => m.transfer.domain.ascii)).toEqual(["good.test"]);
    expect(r.errors.map((e) => [e.row, e.text])).toEqual([
      [2, "not"],
      [2, "a"],
      [2, "domain!"],
      [3, "localhost"],
      [4, "good.test"],
    ]);
    expect(r.errors[3]!.errors[0]).toMatch(/Not a valid domain name/);
    expect(r.errors[4]!.errors).toEqual(["good.test is already in row 1"]);
  });

  test("without shared facts every row says which facts are missing — the hosting answer is never defaulted", () => {
    const r = parseDomainList("example.com\n", noShared);
    if (!r.ok) throw new Error(r.message);
    expect(r.rows).toEqual([]);
    expect(r.errors[0]!.errors).toEqual([
      "Losing registrar is required",
      "Gaining registrar is required",
      "Current DNS operator is required",
      "Future DNS operator is required",
      "Answer whether DNS hosting moves to the gaining side",
    ]);
  });

  test("an empty list is refused", () => {
    expect(parseDomainList(" \n# nothing\n", shared)).toEqual({
      ok: false,
      message: expect.stringMatching(/No domains given/),
    });
  });
});

describe("CSV", () => {
  const header = "domain,losing registrar,gaining registrar,current operator,future operator,hosting moves,new NS";

  test("columns per row, quoted cells, empty cells from the shared facts, new NS validated", () => {
    const csv = `${header}\r\nalpha.test,"Reg, Inc.",,,,no,ns1.new.test=192.0.2.53 ns2.new.test=192.0.2.54\r\nbeta.test,,,Route 53,,,\r\n`;
    const r = parseMembersCsv(csv, shared);
    if (!r.ok) throw new Error(r.message);
    expect(r.errors).toEqual([]);
    expect(r.rows[0]!.transfer).toMatchObject({
      losingRegistrar: "Reg, Inc.",
      gainingRegistrar: "New Reg",
      dnsHostingMoves: false,
    });
    expect(r.rows[0]!.newNameServers).toBe("ns1.new.test=192.0.2.53\nns2.new.test=192.0.2.54");
    expect(r.rows[1]!.transfer).toMatchObject({ currentDnsOperator: "Route 53", dnsHostingMoves: true });
    expect(r.rows[1]!.newNameServers).toBe("");
  });

  test("row errors carry data-row numbers (header = row 0): bad domain, bad hosting answer, bad NS, too many cells", () => {
    const csv = [
      header,
      "ok.test,,,,,yes,",
      "bad domain,,,,,yes,",
      "c.test,,,,,maybe,",
      "d.test,,,,,yes,ns1.new.test",
      "e.test,,,,,yes,,extra",
    ].join("\n");
    const r = parseMembersCsv(csv, noShared);
    if (!r.ok) throw new Error(r.message);
    expect(r.rows).toEqual([]);
    const byRow = Object.fromEntries(r.errors.map((e) => [e.row, e.errors.join(" | ")]));
    expect(Object.keys(byRow)).toEqual(["1", "2", "3", "4", "5"]);
    expect(byRow[1]).toMatch(/^Losing registrar is required/);
    expect(byRow[2]).toMatch(/Not a valid domain name/);
    expect(byRow[3]).toMatch(/Answer whether DNS hosting moves/);
    expect(byRow[4]).toMatch(/new NS: "ns1.new.test": expected name=address/);
    expect(byRow[5]).toBe("8 cells, but the header names 7 columns");
  });

  test("a header without a domain column, or with an unknown column, is refused as a whole", () => {
    expect(parseMembersCsv("name,registrar\nx.test,y\n", shared)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/"domain"/),
    });
    expect(parseMembersCsv("domain,colour\nx.test,red\n", shared)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Unknown CSV column\(s\): colour/),
    });
  });

  test("an unterminated quote is reported, not half-read", () => {
    expect(parseMembersCsv('domain\n"x.test\n', shared)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/could not be read/),
    });
  });
});

test("parseMembers tells a CSV (a domain column in the first line) from a list", () => {
  const csv = parseMembers('"Domain",Hosting Moves\nx.test,no\n', shared);
  const list = parseMembers("x.test\ny.test\n", shared);
  if (!csv.ok || !list.ok) throw new Error("parse failed");
  expect(csv.rows.map((r) => r.transfer.dnsHostingMoves)).toEqual([false]);
  expect(list.rows.map((r) => r.transfer.domain.ascii)).toEqual(["x.test", "y.test"]);
});
