import { exportPath } from "./fixtures.testutil";
import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { detectFileFormat, detectFormat, importZone } from "./index";
import { nameToText } from "../name";

const enc = (s: string) => new TextEncoder().encode(s);
const file = (name: string, text: string) => ({ name, bytes: enc(text) });
const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(exportPath(name))) });

describe("detectFormat", () => {
  test.each([
    ["route53-list-resource-record-sets.json", "route53"],
    ["cloudflare-export.txt", "cloudflare"],
    ["dig-axfr.txt", "axfr"],
    ["dig-axfr-refused.txt", "axfr"],
    ["powerdns-alias.zone", "powerdns"],
    ["registrar-export-incomplete.zone", "bind"],
    ["live-zone-old-operator.zone", "bind"],
  ])("%s -> %s", (name, format) => {
    expect(detectFormat([fixture(name)])).toBe(format);
  });

  test("Cloudflare API JSON in its three containers", () => {
    const rec = { type: "A", name: "a.project.test", content: "192.0.2.1", ttl: 1, proxied: false };
    expect(detectFormat([file("a.json", JSON.stringify({ result: [rec] }))])).toBe("cloudflare-json");
    expect(detectFormat([file("b.json", JSON.stringify({ dns_records: [rec] }))])).toBe("cloudflare-json");
    expect(detectFormat([file("c.json", JSON.stringify([rec]))])).toBe("cloudflare-json");
  });

  test("a bare Route 53 ResourceRecordSets array", () => {
    expect(
      detectFormat([
        file(
          "r.json",
          JSON.stringify([{ Name: "a.test.", Type: "A", TTL: 1, ResourceRecords: [{ Value: "192.0.2.1" }] }]),
        ),
      ]),
    ).toBe("route53");
  });

  test("master-file fragments follow the main file's format", () => {
    const main = file(
      "main.zone",
      "$ORIGIN p.test.\n$TTL 60\n@ IN SOA a. b. 1 2 3 4 5\n@ IN ALIAS x.test.\n$INCLUDE part.zone\n",
    );
    const part = file("part.zone", "www IN A 192.0.2.1\n");
    expect(detectFormat([main, part])).toBe("powerdns");
  });

  test("nothing fits -> null and a bad-format diagnostic naming the reason", () => {
    expect(detectFileFormat(file("x.json", '{"hello": [1,2]}'))).toEqual({
      format: null,
      reason: expect.stringContaining("neither Route 53"),
    });
    const r = importZone([file("x.json", '{"hello": [1,2]}')]);
    expect(r.report.ok).toBe(false);
    expect(r.diagnostics.map((d) => [d.file, d.code, d.severity])).toEqual([["x.json", "bad-format", "error"]]);
    expect(importZone([file("prose.txt", "Dear registrar,\nplease move my domain.\n")]).diagnostics[0].code).toBe(
      "bad-format",
    );
    expect(importZone([file("empty.zone", "")]).diagnostics[0].message).toContain("empty");
    expect(importZone([]).diagnostics[0].code).toBe("bad-format");
  });

  test("files in different formats are refused together", () => {
    const r = importZone([fixture("dig-axfr.txt"), fixture("route53-list-resource-record-sets.json")]);
    expect(r.report.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["mixed-formats"]);
  });

  test("an explicit format overrides detection", () => {
    const r = importZone([fixture("cloudflare-export.txt")], { format: "bind", origin: "project.test." });
    expect(r.report.format).toBe("bind");
    expect(r.providerRecords).toEqual([]);
    // read as plain BIND, the dot-less SOA owner is relative to the origin
    expect(r.report.origin).toBe("project.test.");
    expect(r.records.filter((x) => x.type === 6).map((x) => nameToText(x.owner))).toEqual([
      "project.test.project.test.",
    ]);
  });
});
