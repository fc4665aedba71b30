import { describe, expect, test } from "vitest";
import { fileEvidence, matchFiles, type MatchMember } from "./match-files";

const members: MatchMember[] = [
  { transferId: "t-alpha", domainAscii: "alpha.test", domain: "alpha.test" },
  { transferId: "t-beta", domainAscii: "beta.test", domain: "beta.test" },
  { transferId: "t-shop", domainAscii: "shop.alpha.test", domain: "shop.alpha.test" },
];
const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
const match = (...files: { name: string; bytes: Uint8Array }[]) => matchFiles(files.map(fileEvidence), members);

describe("matching dropped exports to members", () => {
  test("by $ORIGIN", () => {
    const [m] = match(
      file("a.zone", "$ORIGIN alpha.test.\n$TTL 300\n@ IN SOA ns1 h 1 2 3 4 5\n@ IN NS ns1\nns1 IN A 192.0.2.1\n"),
    );
    expect(m).toMatchObject({
      status: "matched",
      transferId: "t-alpha",
      by: "origin",
      reason: "$ORIGIN is alpha.test",
    });
  });

  test("by SOA owner when there is no $ORIGIN (absolute names), and the $ORIGIN of a non-member does not hide a member's SOA", () => {
    const [m, n] = match(
      file(
        "export.txt",
        "beta.test. 300 IN SOA ns1.beta.test. h.beta.test. 1 2 3 4 5\nbeta.test. 300 IN NS ns1.beta.test.\n",
      ),
      file("mixed.zone", "$ORIGIN elsewhere.test.\nbeta.test. 300 IN SOA ns1.beta.test. h.beta.test. 1 2 3 4 5\n"),
    );
    expect(m).toMatchObject({ status: "matched", transferId: "t-beta", by: "soa", reason: "SOA owner is beta.test" });
    expect(n).toMatchObject({ status: "matched", transferId: "t-beta", by: "soa" });
  });

  test("by the zone name the export format carries (Route 53 JSON: no $ORIGIN, no SOA)", () => {
    const r53 = JSON.stringify({
      ResourceRecordSets: [
        { Name: "beta.test.", Type: "A", TTL: 300, ResourceRecords: [{ Value: "192.0.2.7" }] },
        { Name: "www.beta.test.", Type: "CNAME", TTL: 300, ResourceRecords: [{ Value: "beta.test." }] },
      ],
    });
    const [m] = match(file("route53.json", r53));
    expect(m!.status).toBe("matched");
    expect(m!.transferId).toBe("t-beta");
    expect(["zone-name", "owners"]).toContain(m!.by);
  });

  test("by owner names: a fragment without apex, counted under the closest member (a child member wins its names)", () => {
    const [m, n] = match(
      file(
        "hosts.txt",
        "www.beta.test. 300 IN A 192.0.2.1\nmail.beta.test. 300 IN A 192.0.2.2\nx.alpha.test. 300 IN A 192.0.2.3\n",
      ),
      file("shop.txt", "www.shop.alpha.test. 300 IN A 192.0.2.1\napi.shop.alpha.test. 300 IN A 192.0.2.2\n"),
    );
    expect(m).toMatchObject({
      status: "matched",
      transferId: "t-beta",
      by: "owners",
      reason: "2 of 3 owner names are at or below beta.test",
      candidates: ["t-beta", "t-alpha"],
    });
    expect(n).toMatchObject({ status: "matched", transferId: "t-shop", by: "owners" });
  });

  test("ambiguous: owner names split evenly, or the file names two members", () => {
    const [even, two] = match(
      file("even.txt", "www.alpha.test. 300 IN A 192.0.2.1\nwww.beta.test. 300 IN A 192.0.2.2\n"),
      file("two.zone", "$ORIGIN alpha.test.\nbeta.test. 300 IN SOA ns1.beta.test. h.beta.test. 1 2 3 4 5\n"),
    );
    expect(even).toMatchObject({
      status: "ambiguous",
      transferId: null,
      reason: "owner names fall equally under alpha.test and beta.test",
    });
    expect(even!.candidates.sort()).toEqual(["t-alpha", "t-beta"]);
    expect(two).toMatchObject({
      status: "ambiguous",
      transferId: null,
      reason: "the file names two members: $ORIGIN alpha.test, SOA owner beta.test",
    });
  });

  test("unmatched, each with its reason: another zone, names outside every member, not an export at all, empty", () => {
    const files = match(
      file(
        "other.zone",
        "$ORIGIN other.example.\n@ 300 IN SOA ns1 h 1 2 3 4 5\n@ 300 IN NS ns1\nns1 300 IN A 192.0.2.1\n",
      ),
      file("outside.txt", "www.gamma.test. 300 IN A 192.0.2.1\n"),
      file("notes.txt", "Dear customer, here are your domains.\n"),
      file("empty.zone", ""),
    );
    expect(files.map((f) => f.status)).toEqual(["unmatched", "unmatched", "unmatched", "unmatched"]);
    expect(files[0]!.reason).toBe("its $ORIGIN is other.example., which is not a member");
    expect(files[1]!.reason).toBe("none of its 1 owner names is at or below a member's domain");
    expect(files[2]!.reason).toMatch(/^not a zone export Cutover reads: no zone records/);
    expect(files[3]!.reason).toBe("not a zone export Cutover reads: the file is empty");
  });

  test("names compare case-insensitively (RFC 4343) and the label is the upload form's suggestion", () => {
    const [m] = match(file("Registrar-Export_ALPHA.zone", "$ORIGIN ALPHA.Test.\n@ 300 IN SOA ns1 h 1 2 3 4 5\n"));
    expect(m).toMatchObject({ status: "matched", transferId: "t-alpha", label: "registrar export" });
  });
});
