/** `cutover check` flag validation: bad --facts/--ack files fail with exit 2 before any query is sent. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "./check";

function io() {
  let out = "";
  let err = "";
  return {
    io: { stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: (s: string) => ((err += s), true) } },
    out: () => out,
    err: () => err,
  };
}

const dir = mkdtempSync(join(tmpdir(), "cutover-check-flags-"));
const file = (n: string, body: string) => (writeFileSync(join(dir, n), body), join(dir, n));
const zone = file("z.zone", "$ORIGIN project.test.\n@ 3600 IN SOA ns1 h 1 2 3 4 5\n");

describe("cutover check --facts / --ack", () => {
  it("rejects a facts file that fails the library schema, naming the field", async () => {
    const o = io();
    const code = await check(
      ["project.test", "--zone", zone, "--facts", file("f.json", JSON.stringify({ dnssecPlan: "hope" }))],
      o.io as never,
    );
    expect(code).toBe(2);
    expect(o.err()).toContain("dnssecPlan");
  });
  it("rejects facts for another domain and a contradicting --dns-hosting-moves", async () => {
    const a = io();
    expect(
      await check(
        ["project.test", "--zone", zone, "--facts", file("g.json", JSON.stringify({ domain: "other.test" }))],
        a.io as never,
      ),
    ).toBe(2);
    expect(a.err()).toContain("is for other.test, not project.test");
    const b = io();
    expect(
      await check(
        [
          "project.test",
          "--zone",
          zone,
          "--dns-hosting-moves",
          "no",
          "--facts",
          file("h.json", JSON.stringify({ dnsHostingMoves: true })),
        ],
        b.io as never,
      ),
    ).toBe(2);
    expect(b.err()).toContain("contradicts dnsHostingMoves");
  });
  it("rejects an ack entry without a person or with both key and id, and unreadable JSON", async () => {
    const a = io();
    expect(
      await check(
        [
          "project.test",
          "--zone",
          zone,
          "--ack",
          file("a.json", JSON.stringify({ acknowledgements: [{ id: "SVC-DMARC", by: " ", reason: "x y z" }] })),
        ],
        a.io as never,
      ),
    ).toBe(2);
    expect(a.err()).toContain("acknowledgements.0.by");
    const b = io();
    expect(await check(["project.test", "--zone", zone, "--ack", file("b.json", "{not json")], b.io as never)).toBe(2);
    expect(b.err()).toMatch(/--ack .*b\.json: .*JSON/);
  });
  it("lists the new flags in --help", async () => {
    const o = io();
    expect(await check(["--help"], o.io as never)).toBe(0);
    for (const f of ["--http", "--rdap-bootstrap FILE", "--facts FILE", "--ack FILE", "--strict"])
      expect(o.out()).toContain(f);
  });
});
