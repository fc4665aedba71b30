import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectFileFormat } from "../../zone/import/detect";
import { SUGGEST_HEAD_BYTES, suggestSource } from "./suggest-source";

const FIXTURES = new URL("../../zone/import/__fixtures__/exports/", import.meta.url);

describe("suggestSource", () => {
  it.each([
    ["registrar-export-incomplete.zone", "bind", "registrar export"],
    ["route53-list-resource-record-sets.json", "route53", "Route 53"],
    ["cloudflare-export.txt", "cloudflare", "Cloudflare"],
    ["dig-axfr.txt", "axfr", "AXFR"],
    ["dig-axfr-refused.txt", "axfr", "AXFR"],
    ["powerdns-alias.zone", "powerdns", "PowerDNS"],
    ["live-zone-old-operator.zone", "bind", "live zone old operator"],
  ])("%s: %s, labelled %j, as the server's detection says", (name, format, label) => {
    const bytes = readFileSync(new URL(name, FIXTURES));
    const head = new TextDecoder().decode(bytes.subarray(0, SUGGEST_HEAD_BYTES));
    expect(suggestSource(name, head)).toEqual({ format, label, includes: [] });
    expect(detectFileFormat({ name, bytes: new Uint8Array(bytes) }).format).toBe(format);
  });

  it("lists $INCLUDE targets by base name", () => {
    const head = '$ORIGIN x.test.\n$INCLUDE "zones/hosts.inc"\n$include mail.inc x.test.\n@ IN NS ns1\n';
    expect(suggestSource("x.zone", head)).toEqual({ format: "bind", label: "x", includes: ["hosts.inc", "mail.inc"] });
  });

  it("recognises Cloudflare API JSON and leaves unknown content to the file name", () => {
    expect(suggestSource("cf.json", '{"result":[{"type":"A","name":"x.test","content":"192.0.2.1"}]}')).toMatchObject({
      format: "cloudflare-json",
      label: "Cloudflare API",
    });
    expect(suggestSource("my_notes-2024.txt", "hello")).toEqual({ format: null, label: "my notes 2024", includes: [] });
  });
});
