import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildFingerprint as fingerprint, isBuildInput as isInput } from "./build-inputs.mjs";

describe("isBuildInput", () => {
  it.each([
    ["app/page.tsx", true],
    ["app/globals.css", true],
    ["lib/transfer/records-table.ts", true],
    ["lib/zone/import/route53.ts", true],
    ["public/favicon.ico", true],
    ["prisma/schema.prisma", true],
    ["package.json", true],
    ["lib/transfer/records-table.test.ts", false],
    ["app/transfers/x.test.tsx", false],
    ["lib/zone/import/__fixtures__/route53.json", false],
    ["lib/zone/bench/run.ts", false],
    ["lib/cli/main.ts", false],
    ["lib/generated/prisma/client.ts", false],
    ["e2e/import.spec.ts", false],
    ["lib/zone/README.md", false],
  ])("%s -> %s", (path, expected) => {
    expect(isInput(path)).toBe(expected);
  });
});

describe("buildFingerprint", () => {
  const root = mkdtempSync(join(tmpdir(), "cutover-build-inputs-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    mkdirSync(join(root, rel, ".."), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  write("app/page.tsx", "export default 1;");
  write("lib/x.ts", "export const x = 1;");
  write("package.json", "{}");

  it("ignores tests, goldens, e2e and touched-but-unchanged files; sees app changes and deletions", () => {
    const base = fingerprint(root);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    write("lib/x.test.ts", "it('x', () => {});");
    write("lib/__fixtures__/golden.json", "{}");
    write("e2e/new.spec.ts", "test()");
    write("lib/x.ts", "export const x = 1;"); // same content, new mtime
    expect(fingerprint(root)).toBe(base);
    write("lib/x.ts", "export const x = 2;");
    const changed = fingerprint(root);
    expect(changed).not.toBe(base);
    write("lib/y.ts", "export const y = 1;");
    const added = fingerprint(root);
    expect(added).not.toBe(changed);
    rmSync(join(root, "lib/y.ts"));
    expect(fingerprint(root)).toBe(changed);
  });

  it("is stable for the repository itself when only a test file is added", () => {
    const copy = mkdtempSync(join(tmpdir(), "cutover-build-inputs-repo-"));
    try {
      cpSync("app", join(copy, "app"), { recursive: true });
      cpSync("next.config.ts", join(copy, "next.config.ts"));
      const before = fingerprint(copy);
      writeFileSync(join(copy, "app", "extra.test.ts"), "// a new test");
      expect(fingerprint(copy)).toBe(before);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
