import { describe, expect, it } from "vitest";
import { filterDiffRows, type DiffRow } from "./diff-rows";

const row = (
  comparison: string,
  kind: DiffRow["kind"],
  owner: string,
  type: string,
  explained: string | null = null,
): DiffRow => ({
  comparison,
  kind,
  owner,
  type,
  hereLabel: "ref",
  thereLabel: comparison,
  here: [],
  there: [],
  hereTtl: null,
  thereTtl: null,
  explained,
});

const rows = [
  row("registrar export", "missing", "release.project.test.", "NS"),
  row("registrar export", "missing", "www.project.test.", "CNAME"),
  row("registrar export", "rdata", "project.test.", "NS", "operator data"),
  row("new operator", "missing", "www.project.test.", "CNAME"),
  row("old servers", "servers", "docs.project.test.", "CNAME"),
  row("new operator", "ttl", "mail.project.test.", "A"),
];
const keys = (rs: DiffRow[]) => rs.map((r) => `${r.comparison}|${r.owner}|${r.type}`);

describe("filterDiffRows", () => {
  it("filters only missing / only different", () => {
    expect(filterDiffRows(rows, { only: "missing" })).toHaveLength(3);
    expect(keys(filterDiffRows(rows, { only: "different" }))).toEqual([
      "registrar export|project.test.|NS",
      "old servers|docs.project.test.|CNAME",
      "new operator|mail.project.test.|A",
    ]);
  });
  it("filters by name (case-insensitive substring), type, source and expected differences", () => {
    expect(keys(filterDiffRows(rows, { name: "WWW", comparison: "new operator" }))).toEqual([
      "new operator|www.project.test.|CNAME",
    ]);
    expect(filterDiffRows(rows, { type: "CNAME" })).toHaveLength(3);
    expect(filterDiffRows(rows, { comparison: "registrar export", hideExplained: true })).toHaveLength(2);
    expect(filterDiffRows(rows, {})).toHaveLength(6);
  });
});
