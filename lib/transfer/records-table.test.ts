import { describe, expect, it } from "vitest";
import { buildRecordsTable } from "./records-table";
import type { TransferRecordRow } from "../db/rows";
import type { ProviderRecord } from "../zone/import/types";

const rec = (sourceId: string, owner: string, type: number, ttl: number, hex: string, text: string): TransferRecordRow => ({
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
      ["project.test.", "A", "3600", "192.0.2.1", [0], ""],
      ["mail.project.test.", "A", "300/3600", "192.0.2.25", [0, 1], ""],
      ["a.mail.project.test.", "TXT", "300", '"x"', [1], ""],
      ["release.project.test.", "A", "", "dualstack.release-lb.example.", [1], "route53 alias"],
    ]);
    expect(table.types).toEqual(["A", "TXT"]);
    expect(table.sources.map((s) => s.label)).toEqual(["registrar export", "Route 53"]);
  });
});
