import { EXPORTS_DIR } from "../zone/import/fixtures.testutil";
import { describe, expect, test, beforeAll, afterAll } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "bin.mjs");
const FX = EXPORTS_DIR;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cutover-cli-"));
  mkdirSync(join(dir, "sub"));
  writeFileSync(
    join(dir, "main.zone"),
    "$ORIGIN p.test.\n$TTL 300\n@ IN SOA ns1 host 1 2 3 4 5\n@ IN NS ns1\n$INCLUDE sub/part.zone\nMAIL IN A 192.0.2.2\n",
  );
  writeFileSync(join(dir, "sub", "part.zone"), "www IN A 192.0.2.1\nbad IN A 192.0.2.300\n");
  writeFileSync(
    join(dir, "ok.zone"),
    '$ORIGIN p.test.\n$TTL 300\n@ IN SOA ns1 host 1 2 3 4 5\nb IN TXT "x"\na IN A 192.0.2.9\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cutover zone normalize", () => {
  test("canonical text: absolute owners, TTL, class, RFC 4034 §6.1 order; exit 0", () => {
    const r = run("zone", "normalize", join(dir, "ok.zone"));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'p.test.\t300\tIN\tSOA\tns1.p.test. host.p.test. 1 2 3 4 5\na.p.test.\t300\tIN\tA\t192.0.2.9\nb.p.test.\t300\tIN\tTXT\t"x"\n',
    );
    expect(r.stderr).toBe("");
  });

  test("$INCLUDE resolves on disk relative to the including file; a rejected record exits 1 with file:line:column", () => {
    const r = run("zone", "normalize", join(dir, "main.zone"));
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")).toContain("www.p.test.\t300\tIN\tA\t192.0.2.1");
    expect(r.stdout).toContain("MAIL.p.test.\t300\tIN\tA\t192.0.2.2");
    expect(r.stderr).toMatch(
      new RegExp(`^${join(dir, "sub", "part.zone").replace(/[.]/g, "\\.")}:2:\\d+: bad-rdata: `, "m"),
    );
  });

  test("provider records become comment lines; AXFR closing SOA is gone", () => {
    const r = run("zone", "normalize", join(FX, "powerdns-alias.zone"));
    expect(r.stdout).toContain("; provider-record powerdns alias-type: project.test.\t3600\tALIAS\twebapp.paas.test.");
    const a = run("zone", "normalize", join(FX, "dig-axfr.txt"));
    expect(a.code).toBe(0);
    expect(a.stdout.split("\n").filter((l) => l.includes("\tSOA\t"))).toHaveLength(1);
    expect(a.stdout.split("\n").filter((l) => l && !l.startsWith(";"))).toHaveLength(10);
  });

  test("--json shape", () => {
    const r = run("zone", "normalize", "--json", join(FX, "route53-list-resource-record-sets.json"));
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(["records", "providerRecords", "diagnostics", "counts"]));
    expect(j.records[0]).toEqual({
      owner: "project.test.",
      ttl: 172800,
      class: "IN",
      type: "NS",
      rdata: "ns-101.awsdns-12.com.",
      wire: "066e732d31303109617773646e732d313203636f6d00",
    });
    expect(j.records.find((x: { owner: string }) => x.owner === "*.preview.project.test.")).toMatchObject({
      type: "CNAME",
      rdata: "previews.hosting.test.",
    });
    expect(j.providerRecords.map((p: { kind: string }) => p.kind)).toEqual([
      "alias",
      "routing-policy",
      "routing-policy",
      "alias",
    ]);
    expect(j.diagnostics[0]).toEqual({
      file: join(FX, "route53-list-resource-record-sets.json"),
      line: 4,
      column: 0,
      code: "provider-record",
      message: expect.any(String),
      severity: "warning",
    });
    expect(j.counts.A).toEqual({ read: 4, represented: 0, providerOnly: 4, rejected: 0 });
  });

  test("--format and --origin override detection", () => {
    const r = run(
      "zone",
      "normalize",
      "--format",
      "bind",
      "--origin",
      "q.test.",
      "--json",
      join(FX, "cloudflare-export.txt"),
    );
    const j = JSON.parse(r.stdout);
    expect(j.format).toBe("bind");
    expect(j.records.find((x: { type: string }) => x.type === "SOA").owner).toBe("project.test.q.test.");
  });

  test("a failed transfer exits 1", () => {
    const r = run("zone", "normalize", join(FX, "dig-axfr-refused.txt"));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `${join(FX, "dig-axfr-refused.txt")}:5:1: transfer-failed: dig says "Transfer failed.": the zone transfer did not happen; this file holds no zone data\n`,
    );
  });

  test.each([
    [["zone", "normalize"], /no files given/],
    [["zone", "normalize", "--frobnicate", "x.zone"], /Unknown option '--frobnicate'/],
    [["zone", "normalize", "--format", "tinydns", "x.zone"], /unknown format "tinydns"/],
    [["zone", "normalize", "--default-ttl", "1h", "x.zone"], /--default-ttl must be a number/],
    [["zone", "normalize", "/nonexistent/zone"], /cannot read \/nonexistent\/zone: ENOENT/],
    [["zone", "frob"], /unknown subcommand "frob"/],
    [["frob"], /unknown command "frob"/],
    [[], /usage: cutover/],
  ])("usage error %j exits 2", (args, message) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });
});
