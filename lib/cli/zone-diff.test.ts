/**
 * `cutover zone diff` through the real CLI (bin.mjs), run from the fixtures
 * directory so file names in the output are the ones a user types.
 * Goldens: __fixtures__/zone-diff/*.golden.*; UPDATE_GOLDEN=1 rewrites them (review the diff).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { zoneDiffJsonSchema } from "./zone-diff";

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = join(HERE, "bin.mjs");
const FX = join(HERE, "__fixtures__", "zone-diff");

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60_000, cwd: FX });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function golden(name: string, actual: string): void {
  const path = join(FX, name);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) {
    if (process.env.UPDATE_GOLDEN !== "1")
      throw new Error(`missing golden ${path}: run with UPDATE_GOLDEN=1 and review it`);
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("cutover zone diff", () => {
  test("dig AXFR output vs a master file with other spelling, order, case, TTL units and a duplicate: equal, exit 0", () => {
    const r = run("zone", "diff", "axfr.txt", "same.zone");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "--- axfr.txt (axfr, origin project.test., 10 records, 8 RRsets)\n" +
        "+++ same.zone (bind, origin Project.Test., 10 records, 8 RRsets)\n" +
        "= equal: 8 RRsets\n",
    );
    // The duplicate is said, not dropped silently (RFC 2181 §5).
    expect(r.stderr).toBe(
      "same.zone:18:0: duplicate-rr: mail.Project.Test. A: duplicate record dropped (RFC 2181 §5)\n",
    );
  });

  test("the other way round is equal too", () => {
    expect(run("zone", "diff", "same.zone", "axfr.txt").code).toBe(0);
  });

  test("differences as text: - only in A, + only in B, ~ TTL apart from RDATA, canonical order; exit 1", () => {
    const r = run("zone", "diff", "axfr.txt", "changed.zone");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    golden("changed.golden.txt", r.stdout);
    expect(r.stdout).toContain("~ www.project.test.\tIN\tCNAME\tTTL 300 -> 600\n");
  });

  test("differences as JSON, in the documented shape; exit 1", () => {
    const r = run("zone", "diff", "--json", "axfr.txt", "changed.zone");
    expect(r.code).toBe(1);
    golden("changed.golden.json", r.stdout);
    const j = zoneDiffJsonSchema.parse(JSON.parse(r.stdout));
    expect(j.equal).toBe(false);
    expect(j.summary).toEqual({ equal: 4, differ: 5, onlyInA: 1, onlyInB: 1, rdataDiffers: 2, ttlDiffers: 1 });
    expect(j.differences.find((d) => d.type === "CNAME")).toEqual({
      owner: "www.project.test.",
      class: "IN",
      type: "CNAME",
      change: "changed",
      ttl: { a: 300, b: 600 },
      ttlDiffers: true,
      rdataDiffers: false,
      onlyInA: [],
      onlyInB: [],
      common: 1,
    });
    expect(j.differences.find((d) => d.type === "NS" && d.owner === "project.test.")).toMatchObject({
      onlyInA: ["ns1.oldhost.test."],
      onlyInB: ["ns1.newhost.test."],
      common: 1,
    });
  });

  test("equal as JSON: equal true, no differences, exit 0", () => {
    const r = run("zone", "diff", "--json", "axfr.txt", "route53.json");
    expect(r.code).toBe(0);
    const j = zoneDiffJsonSchema.parse(JSON.parse(r.stdout));
    expect(j).toMatchObject({
      equal: true,
      differences: [],
      a: { format: "axfr", rrsets: 8 },
      b: { format: "route53", rrsets: 8, providerOnly: 1 },
    });
  });

  test("Route 53 JSON vs the transfer: equal; the alias is not zone data and is said so", () => {
    const r = run("zone", "diff", "axfr.txt", "route53.json");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "; route53.json: 1 provider-only record(s) not compared (cutover zone normalize lists them)\n",
    );
    expect(r.stderr).toMatch(/^route53\.json:11:0: provider-record: /m);
  });

  test("--origin for a file without $ORIGIN; without it the file's errors exit 2, printed as zone normalize prints them", () => {
    expect(run("zone", "diff", "--origin", "project.test.", "axfr.txt", "no-origin.zone").code).toBe(0);
    // given twice: the first applies to A, the second to B
    expect(
      run("zone", "diff", "--origin", "project.test.", "--origin", "project.test.", "axfr.txt", "no-origin.zone").code,
    ).toBe(0);
    const r = run("zone", "diff", "axfr.txt", "no-origin.zone");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const normalize = run("zone", "normalize", "no-origin.zone");
    expect(normalize.stderr).not.toBe("");
    expect(r.stderr).toBe(normalize.stderr + "cutover zone diff: no-origin.zone had errors; nothing compared\n");
    expect(r.stderr).toContain('no-origin.zone:8:1: no-origin: owner: relative name "mail" but no $ORIGIN is known\n');
  });

  test("a syntax error exits 2 with file:line:column and no diff, whichever side it is on", () => {
    for (const args of [
      ["axfr.txt", "bad.zone"],
      ["bad.zone", "axfr.txt"],
    ]) {
      const r = run("zone", "diff", ...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain('bad.zone:4:17: bad-rdata: bad IPv4 address "192.0.2.300"\n');
      expect(r.stderr).toContain("cutover zone diff: bad.zone had errors; nothing compared\n");
    }
  });

  test("--format once for both files, or once per file", () => {
    // Read as a plain master file, the AXFR's closing SOA is a repeat: the same RRsets.
    const both = run("zone", "diff", "--format", "bind", "axfr.txt", "same.zone");
    expect(both.code).toBe(0);
    expect(both.stdout).toMatch(/^--- axfr\.txt \(bind,/);
    const per = run("zone", "diff", "--format", "axfr", "--format", "bind", "axfr.txt", "changed.zone");
    expect(per.code).toBe(1);
    expect(per.stdout).toMatch(/^--- axfr\.txt \(axfr,.*\n\+\+\+ changed\.zone \(bind,/);
    // dig output is not JSON: forcing route53 on it is an input error
    expect(run("zone", "diff", "--format", "route53", "--format", "bind", "axfr.txt", "same.zone").code).toBe(2);
  });

  test.each([
    [["zone", "diff", "axfr.txt"], /two files expected, got 1/],
    [["zone", "diff", "a", "b", "c"], /two files expected, got 3/],
    [["zone", "diff", "--format", "tinydns", "axfr.txt", "same.zone"], /unknown format "tinydns"/],
    [
      ["zone", "diff", "--format", "bind", "--format", "bind", "--format", "bind", "axfr.txt", "same.zone"],
      /--format given 3 times/,
    ],
    [["zone", "diff", "--frobnicate", "axfr.txt", "same.zone"], /Unknown option '--frobnicate'/],
    [["zone", "diff", "axfr.txt", "/nonexistent/zone"], /cannot read \/nonexistent\/zone: ENOENT/],
  ])("error %j exits 2", (args, message) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });
});
