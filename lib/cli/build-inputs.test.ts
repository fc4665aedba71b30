import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildFingerprint, listBuildInputs } from "./build-inputs.mjs";

describe("listBuildInputs", () => {
  const root = mkdtempSync(join(tmpdir(), "cutover-build-inputs-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    mkdirSync(join(root, rel, ".."), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  write("package.json", "{}");
  write("next.config.ts", "export default {};");
  write("app/page.tsx", 'import { a } from "@/lib/a";\nimport "./globals.css";\nexport default a;');
  write("app/globals.css", '@import "tailwindcss";');
  write("app/page.test.ts", "it('x', () => {});");
  write("app/api/route.ts", 'export { GET } from "../../lib/dir";');
  write("lib/a.ts", 'import type { T } from "./types";\nexport const a = await import("./lazy");\nexport type { T };');
  write("lib/types.ts", "export type T = 1;");
  write("lib/lazy.ts", "export const lazy = 1;");
  write("lib/dir/index.ts", "export const GET = 1;");
  write("lib/unused.ts", "export const unused = 1;");
  write("lib/a.test.ts", 'import { a } from "./a";');
  write("lib/__fixtures__/golden.json", "{}");
  write("e2e/x.spec.ts", "test()");

  it("is app/, public/, the config files and the local modules they import, transitively", () => {
    expect(listBuildInputs(root)).toEqual([
      "app/api/route.ts",
      "app/globals.css",
      "app/page.tsx",
      "lib/a.ts",
      "lib/dir/index.ts",
      "lib/lazy.ts",
      "lib/types.ts",
      "next.config.ts",
      "package.json",
    ]);
  });

  it("changes the fingerprint for app sources only, by content", () => {
    const base = buildFingerprint(root);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    write("lib/a.test.ts", "// edited test");
    write("app/new.test.tsx", "// new test");
    write("lib/__fixtures__/golden.json", '{"changed":true}');
    write("e2e/y.spec.ts", "test()");
    write("lib/unused.ts", "export const unused = 2;");
    write("lib/types.ts", "export type T = 1;"); // touched, same content
    expect(buildFingerprint(root)).toBe(base);
    write("lib/types.ts", "export type T = 2;");
    const changed = buildFingerprint(root);
    expect(changed).not.toBe(base);
    write("app/other/page.tsx", "export default 2;");
    expect(buildFingerprint(root)).not.toBe(changed);
    rmSync(join(root, "app/other"), { recursive: true });
    expect(buildFingerprint(root)).toBe(changed);
  });
});

describe("listBuildInputs on this repository", () => {
  it("follows the app into lib/ but leaves out tests, the CLI and the e2e specs", () => {
    const inputs = listBuildInputs(".");
    expect(inputs).toContain("app/transfers/[id]/_components/upload-form.tsx");
    expect(inputs).toContain("lib/app/sources/upload-request.ts");
    expect(inputs).toContain("lib/zone/import/route53.ts");
    expect(inputs).toContain("prisma/schema.prisma");
    expect(
      inputs.filter(
        (p) =>
          /\.test\.tsx?$/.test(p) || p.startsWith("e2e/") || p.startsWith("lib/cli/") || p.startsWith("lib/generated/"),
      ),
    ).toEqual([]);
  });
});
