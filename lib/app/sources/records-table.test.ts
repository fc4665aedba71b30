import { describe, expect, it } from "vitest";
import { buildRecordsTable, providerLabel } from "./records-table";
import type { TransferRecordRow } from "../../db/rows";
import type { ProviderRecord } from "../../zone/import/types";

const rec = (
  sourceId: string,
  owner: string,
  type: number,
  ttl: number,
  hex: string,
  text: string,
): TransferRecordRow => ({
  sourceId,
  ownerText: owner,
  ownerKey: owner.toLowerCase(),
  ttl,
  class: 1,
  type,
  rdataHex: hex,
  rdataText: text,
  file: "f",
  line: 1,
});

const alias: ProviderRecord = {
  provider: "route53",
  kind: "alias",
  owner: "release.project.test.",
  type: "A",
  value: "dualstack.release-lb.example.",
  ttl: null,
  attributes: {},
  reason: "alias",
  replacement: "CNAME",
  file: "r53.json",
  line: 0,
};

describe("buildRecordsTable", () => {
  it("merges identical records across sources, keeps TTL disagreements, sorts in DNS order", () => {
    const table = buildRecordsTable({
      sources: [
        { id: "s1", label: "registrar export" },
        { id: "s2", label: "Route 53" },
      ],
      records: [
        rec("s1", "mail.project.test.", 1, 3600, "c0000219", "192.0.2.25"),
        rec("s2", "MAIL.project.test.", 1, 300, "c0000219", "192.0.2.25"),
        rec("s1", "project.test.", 1, 3600, "c0000201", "192.0.2.1"),
        rec("s2", "a.mail.project.test.", 16, 300, "00", '"x"'),
      ],
      providerRecords: new Map([["s2", [alias, { ...alias, owner: "www.project.test.", represented: true }]]]),
    });
    expect(table.rows).toEqual([
      ["project.test.", "A", "3600", "192.0.2.1", [0], -1],
      ["mail.project.test.", "A", "300/3600", "192.0.2.25", [0, 1], -1],
      ["a.mail.project.test.", "TXT", "300", '"x"', [1], -1],
      ["release.project.test.", "A", "", "dualstack.release-lb.example.", [1], 0],
    ]);
    // The represented www entry is advisory and stays an ordinary row (it has none here), not a provider row.
    expect(table.providers).toEqual([{ label: "Route 53 alias", reason: "alias", replacement: "CNAME" }]);
    expect(table.types).toEqual(["A", "TXT"]);
    expect(table.sources.map((s) => s.label)).toEqual(["registrar export", "Route 53"]);
  });
});

describe("buildRecordsTable at scale", () => {
  it("merges 100k records from two sources into compact JSON", () => {
    const records: TransferRecordRow[] = [];
    for (let i = 0; i < 50_000; i++) {
      const owner = `host${i}.project.test.`;
      records.push(rec("s1", owner, 1, 300, "c0000201", "192.0.2.1"));
      records.push(rec("s2", owner, 1, 300, "c0000201", "192.0.2.1"));
    }
    const table = buildRecordsTable({
      sources: [
        { id: "s1", label: "a" },
        { id: "s2", label: "b" },
      ],
      records,
      providerRecords: new Map(),
    });
    const json = JSON.stringify(table);
    expect(table.rows.length).toBe(50_000);
    expect(table.rows[0]).toEqual(["host0.project.test.", "A", "300", "192.0.2.1", [0, 1], -1]);
    // ~60 bytes per row keeps 100k rows in a few MB.
    expect(json.length / table.rows.length).toBeLessThan(70);
  });
});

describe("providerLabel", () => {
  it("names the provider and the kind in words", () => {
    expect(providerLabel({ provider: "route53", kind: "routing-policy" })).toBe("Route 53 routing policy");
    expect(providerLabel({ provider: "cloudflare", kind: "proxied" })).toBe("Cloudflare proxied");
    expect(providerLabel({ provider: "powerdns", kind: "lua" })).toBe("PowerDNS lua");
  });
});

describe("buildRecordsTable provider rows", () => {
  it("merges one provider record seen in two sources and shares identical explanations", () => {
    const weighted = (id: string): ProviderRecord => ({
      ...alias,
      kind: "routing-policy",
      owner: "api.project.test.",
      value: "192.0.2.7",
      attributes: { SetIdentifier: id },
      reason: "weighted",
      replacement: "pick one",
    });
    const table = buildRecordsTable({
      sources: [
        { id: "s1", label: "Route 53 page 1" },
        { id: "s2", label: "Route 53 again" },
      ],
      records: [],
      providerRecords: new Map([
        ["s1", [weighted("a"), { ...weighted("b"), value: "192.0.2.8" }]],
        ["s2", [weighted("a")]],
      ]),
    });
    expect(table.rows).toEqual([
      ["api.project.test.", "A", "", "192.0.2.7", [0, 1], 0],
      ["api.project.test.", "A", "", "192.0.2.8", [0], 0],
    ]);
    expect(table.providers).toEqual([
      { label: "Route 53 routing policy", reason: "weighted", replacement: "pick one" },
    ]);
  });
});
