import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "./config";
import { INV_CHECKS } from "./inv";
import { runChecks } from "./run-checks";
import { input, source } from "./testing/build-input";
import { buildDiff } from "../diff/build-diff";

const run = (i: Parameters<typeof runChecks>[0]) => runChecks(i, DEFAULT_CONFIG, INV_CHECKS);
const OLD = { name: "ns1.old.test.", address: "192.0.2.1" };
const NEW = { name: "ns1.new.test.", address: "203.0.113.1" };
const LIVE = `@ IN NS ns1.old.test.\n@ IN CAA 0 issue "letsencrypt.org"\nwww 300 IN CNAME cdn.example.net.\nmail IN A 192.0.2.25\n`;

describe("INV checks", () => {
  it("a blocker per live RRset missing from the export and at the new side, and EXPORT-INCOMPLETE", () => {
    const exported = `@ IN NS ns1.old.test.\nmail IN A 192.0.2.25\n`;
    const f = run(
      input({
        sources: [source("panel.zone", exported)],
        old: [{ ...OLD, zone: LIVE }],
        neu: [{ ...NEW, zone: `@ IN NS ns1.new.test.\nmail IN A 192.0.2.25\n` }],
      }),
    );
    const by = (id: string) =>
      f
        .filter((x) => x.id === id)
        .map((x) => x.subject)
        .sort();
    expect(by("INV-MISSING-IN-SOURCE")).toEqual(["example.test. CAA", "www.example.test. CNAME"]);
    expect(by("INV-MISSING-AT-NEW")).toEqual(["example.test. CAA", "www.example.test. CNAME"]);
    expect(f.find((x) => x.id === "INV-EXPORT-INCOMPLETE")!.message).toContain("www.example.test.");
    expect(f.filter((x) => x.severity === "blocker").length).toBe(5);
  });

  it("different RDATA is a blocker, TTL only a warning, extra records a warning", () => {
    const neu = `@ IN NS ns1.new.test.\n@ IN CAA 0 issue "letsencrypt.org"\nwww 3600 IN CNAME cdn.example.net.\nmail IN A 192.0.2.99\nnew IN A 192.0.2.7\n`;
    const f = run(input({ old: [{ ...OLD, zone: LIVE }], neu: [{ ...NEW, zone: neu }] }));
    expect(
      f
        .filter((x) => x.severity !== "info")
        .map((x) => `${x.id} ${x.severity} ${x.subject}`)
        .sort(),
    ).toEqual([
      "INV-DIFFERENT-AT-NEW blocker mail.example.test. A",
      "INV-EXTRA-AT-NEW warning new.example.test. A",
      "INV-TTL-DIFFERS warning www.example.test. CNAME (the new operator)",
    ]);
    // apex NS and SOA differ by design when hosting moves: explained, listed as info
    expect(f.filter((x) => x.id === "INV-EXPLAINED").map((x) => x.subject)).toEqual([
      "example.test. NS (new operator)",
    ]);
  });

  it("INV-APEX-CNAME and INV-WILDCARD from a source", () => {
    const s = source("bad.zone", `@ IN CNAME elsewhere.test.\n*.preview IN CNAME previews.test.\n`);
    const f = run(input({ sources: [s] }));
    expect(f.find((x) => x.id === "INV-APEX-CNAME")).toMatchObject({
      severity: "blocker",
      subject: "example.test. CNAME (source bad.zone)",
    });
    expect(f.find((x) => x.id === "INV-WILDCARD")).toMatchObject({
      severity: "warning",
      subject: "*.preview.example.test.",
    });
  });

  it("INV-SERVER-MISMATCH names the odd server out", () => {
    const f = run(
      input({
        old: [
          { ...OLD, zone: LIVE },
          { name: "ns2.old.test.", address: "198.51.100.1", zone: LIVE.replace(/www.*\n/, "") },
        ],
      }),
    );
    const m = f.find((x) => x.id === "INV-SERVER-MISMATCH")!;
    expect(m.subject).toBe("www.example.test. CNAME");
    expect(m.message).toContain("Odd one(s) out: ns2.old.test. 198.51.100.1:53");
  });

  it("INV-UNVERIFIED-AT-NEW when the new operator fails a question (no silent GO)", () => {
    const neuZone = `@ IN NS ns1.new.test.\n@ IN CAA 0 issue "letsencrypt.org"\nwww 300 IN CNAME cdn.example.net.\nmail IN A 192.0.2.25\n`;
    const base = input({ old: [{ ...OLD, zone: LIVE }], neu: [{ ...NEW, zone: neuZone }] });
    expect(run(base).filter((x) => x.id === "INV-UNVERIFIED-AT-NEW")).toEqual([]);
    // The new server SERVFAILs every question about mail: before, mail A vanished from the comparison unnoticed.
    const neu = {
      ...base.neu!,
      answers: base.neu!.answers.map((a) =>
        a.question.name[1] === 0x6d && a.question.name[0] === 4
          ? { ...a, rcode: 2, records: [], error: { kind: "servfail" as const, message: "SERVFAIL" } }
          : a,
      ),
    };
    const { diff, views } = buildDiff({ zone: base.zone, sources: [], old: base.old, neu, operatorChange: true });
    const f = run({ ...base, neu, diff, views });
    // One finding per cause, listing the RRsets.
    expect(f.filter((x) => x.severity === "blocker").map((x) => `${x.id} ${x.subject}`)).toEqual([
      "INV-UNVERIFIED-AT-NEW unverified at the new operator: servfail",
    ]);
    expect(f.find((x) => x.id === "INV-UNVERIFIED-AT-NEW")!.message).toContain("mail.example.test. A");
  });

  it("INV-UNVERIFIED-AT-NEW also for a second new server that fails (server parity alone would skip it)", () => {
    const neuZone = `@ IN NS ns1.new.test.\n@ IN NS ns2.new.test.\n@ IN CAA 0 issue "letsencrypt.org"\nwww 300 IN CNAME cdn.example.net.\nmail IN A 192.0.2.25\n`;
    const NEW2 = { name: "ns2.new.test.", address: "203.0.113.2" };
    const base = input({
      old: [{ ...OLD, zone: LIVE }],
      neu: [
        { ...NEW, zone: neuZone },
        { ...NEW2, zone: neuZone },
      ],
    });
    expect(run(base).filter((x) => x.id === "INV-UNVERIFIED-AT-NEW")).toEqual([]);
    const failsMail = (a: NonNullable<typeof base.neu>["answers"][number]) =>
      a.server.address === NEW2.address && a.question.name[0] === 4 && a.question.name[1] === 0x6d
        ? { ...a, rcode: 2, records: [], error: { kind: "servfail" as const, message: "SERVFAIL" } }
        : a;
    const neu = { ...base.neu!, answers: base.neu!.answers.map(failsMail) };
    const { diff, views } = buildDiff({ zone: base.zone, sources: [], old: base.old, neu, operatorChange: true });
    const f = run({ ...base, neu, diff, views }).filter((x) => x.id === "INV-UNVERIFIED-AT-NEW");
    expect(f.map((x) => x.subject)).toEqual(["unverified at the new operator: servfail"]);
    expect(f[0].message).toMatch(/203\.0\.113\.2.*mail\.example\.test\. A/);
    expect(f[0].severity).toBe("blocker");
  });

  it("INV-SNAPSHOT-INCOMPLETE when a snapshot stopped early (deadline, query cap): silence is not parity", () => {
    const neuZone = `@ IN NS ns1.new.test.\n@ IN CAA 0 issue "letsencrypt.org"\nwww 300 IN CNAME cdn.example.net.\nmail IN A 192.0.2.25\n`;
    const base = input({ old: [{ ...OLD, zone: LIVE }], neu: [{ ...NEW, zone: neuZone }] });
    expect(run(base).filter((x) => x.id === "INV-SNAPSHOT-INCOMPLETE")).toEqual([]);
    const f = run({ ...base, old: { ...base.old!, incomplete: "run deadline of 60000 ms passed" } });
    expect(f.filter((x) => x.severity === "blocker").map((x) => `${x.id} ${x.subject}`)).toEqual([
      "INV-SNAPSHOT-INCOMPLETE example.test. (old operator snapshot)",
    ]);
    expect(f.find((x) => x.id === "INV-SNAPSHOT-INCOMPLETE")!.message).toContain("run deadline of 60000 ms passed");
  });

  it("INV-IMPORT-FAILED for an unusable source", () => {
    const f = run(
      input({
        sources: [
          source("refused.txt", "; <<>> DiG 9.18 <<>> @192.0.2.1 example.test AXFR\n; Transfer failed.\n", "axfr"),
        ],
      }),
    );
    expect(f.filter((x) => x.id === "INV-IMPORT-FAILED").map((x) => [x.severity, x.subject])).toEqual([
      ["blocker", "source refused.txt"],
    ]);
  });
});
