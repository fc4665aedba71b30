import { describe, expect, it } from "vitest";
import { dashboardFilterSchema, filterDashboardRows, type DashboardRow } from "./list";

const now = new Date("2026-12-02T12:00:00Z");
const day = 86_400_000;
const row = (id: string, over: Partial<DashboardRow> = {}): DashboardRow => ({
  id,
  domainAscii: `${id}.test`,
  domainUnicode: `${id}.test`,
  losingRegistrar: "A",
  gainingRegistrar: "B",
  stage: "sources",
  stageDetail: "",
  verdict: null,
  window: null,
  signoffs: null,
  lastActivityAt: now,
  archivedAt: null,
  ...over,
});

describe("filterDashboardRows", () => {
  const rows = [
    row("soon", {
      window: { start: new Date(now.getTime() + 3 * day), end: new Date(now.getTime() + 4 * day) },
      verdict: { decision: "go", blockers: 0, warnings: 0, openBlockers: 0, openWarnings: 0 },
    }),
    row("now", { window: { start: new Date(now.getTime() - day), end: new Date(now.getTime() + day) } }),
    row("later", { window: { start: new Date(now.getTime() + 9 * day), end: new Date(now.getTime() + 10 * day) } }),
    row("past", { window: { start: new Date(now.getTime() - 9 * day), end: new Date(now.getTime() - 8 * day) } }),
    row("archived", { archivedAt: now, stage: "final" }),
  ];
  const ids = (f: object) => filterDashboardRows(rows, dashboardFilterSchema.parse(f), now).map((r) => r.id);

  it("window within 7 days: starting in the next week or under way", () => {
    expect(ids({ window: "7d" })).toEqual(["soon", "now"]);
  });
  it("archived hidden unless asked for", () => {
    expect(ids({})).toEqual(["soon", "now", "later", "past"]);
    expect(ids({ archived: "include" })).toHaveLength(5);
    expect(ids({ archived: "only", stage: "final" })).toEqual(["archived"]);
  });
  it("verdict: go, no-go, or not checked", () => {
    expect(ids({ verdict: "go" })).toEqual(["soon"]);
    expect(ids({ verdict: "none" })).toEqual(["now", "later", "past"]);
  });
  it("search parameters as Next.js hands them: arrays and empty strings", () => {
    expect(dashboardFilterSchema.parse({ q: ["  alpha ", "beta"], stage: "", verdict: "maybe", extra: "x" })).toEqual({
      q: "alpha",
      stage: undefined,
      verdict: undefined,
      registrar: undefined,
      window: undefined,
      archived: undefined,
    });
  });
});
