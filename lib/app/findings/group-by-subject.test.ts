import { describe, expect, it } from "vitest";
import { evidenceSides, groupBySubject, subjectName } from "./group-by-subject";

const f = (id: string, severity: string, subject: string, status = "open") => ({
  id,
  key: `${id}@${subject}`,
  severity,
  subject,
  state: { status },
});

describe("groupBySubject", () => {
  it("puts every finding about one name together, open blockers first", () => {
    const groups = groupBySubject([
      f("SVC-DMARC", "warning", "_dmarc.project.test."),
      f("INV-EXPORT-INCOMPLETE", "blocker", "release.project.test. NS"),
      f("DEL-SUBZONE-CUT", "blocker", "release.project.test."),
      f("TIM-OVERLAP", "info", "project.test."),
      f("INV-MISSING-AT-NEW", "blocker", "www.project.test. A", "waived"),
      f("INV-TTL-DIFFERS", "warning", "RELEASE.project.test. NS"),
    ]);
    expect(groups.map((g) => [g.name, g.findings.map((x) => x.id), g.openKeys.length])).toEqual([
      ["release.project.test.", ["DEL-SUBZONE-CUT", "INV-EXPORT-INCOMPLETE", "INV-TTL-DIFFERS"], 3],
      ["www.project.test.", ["INV-MISSING-AT-NEW"], 0],
      ["_dmarc.project.test.", ["SVC-DMARC"], 1],
      ["project.test.", ["TIM-OVERLAP"], 0],
    ]);
    expect(groups[0].worst).toBe("blocker");
  });

  it("takes the owner name from a subject with a type", () => {
    expect(subjectName("release.project.test. NS")).toBe("release.project.test.");
    expect(subjectName("project.test.")).toBe("project.test.");
  });
});

describe("evidenceSides", () => {
  it("splits what the old and the new operator answered from other evidence", () => {
    const s = evidenceSides([
      { kind: "answer", snapshot: "old" as const, text: "old answer" },
      { kind: "source", text: "registrar.zone:12" },
      { kind: "answer", snapshot: "new" as const, text: "new answer" },
    ]);
    expect([s.old.map((e) => e.text), s.new.map((e) => e.text), s.other.map((e) => e.text)]).toEqual([
      ["old answer"],
      ["new answer"],
      ["registrar.zone:12"],
    ]);
  });
});
