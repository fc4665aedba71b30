import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "./config";
import { checkConfigFromEnv, readCheckConfig } from "./load-config";
import { OPS_CHECKS } from "./ops";
import { runChecks } from "./run-checks";
import { input } from "./testing/build-input";
import { computeVerdict } from "./verdict";

const dir = mkdtempSync(join(tmpdir(), "cutover-checks-config-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("operator check configuration", () => {
  it("defaults when CUTOVER_CHECKS_CONFIG is unset", () => {
    expect(checkConfigFromEnv({})).toEqual(DEFAULT_CONFIG);
  });

  it("changes a default severity and with it the verdict", () => {
    const unanswered = input({ facts: { dnsHostingMoves: null } });
    const before = runChecks(unanswered, DEFAULT_CONFIG, OPS_CHECKS);
    expect(before.find((f) => f.id === "OPS-HOSTING-ANSWER")?.severity).toBe("blocker");
    expect(computeVerdict(before, {}).verdict).toBe("no-go");

    const path = file("downgrade.json", JSON.stringify({ severities: { "OPS-HOSTING-ANSWER": "warning" } }));
    const config = checkConfigFromEnv({ CUTOVER_CHECKS_CONFIG: path });
    const after = runChecks(unanswered, config, OPS_CHECKS);
    expect(after.find((f) => f.id === "OPS-HOSTING-ANSWER")?.severity).toBe("warning");
    expect(after.filter((f) => f.severity === "blocker")).toEqual([]);
  });

  it("disables checks", () => {
    const path = file("disable.json", JSON.stringify({ disabled: ["OPS-HOSTING-ANSWER"] }));
    const r = readCheckConfig(path);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const f = runChecks(input({ facts: { dnsHostingMoves: null } }), r.config, OPS_CHECKS);
    expect(f.map((x) => x.id)).not.toContain("OPS-HOSTING-ANSWER");
  });

  it("refuses a bad file with the reason instead of ignoring it", () => {
    expect(readCheckConfig(file("bad.json", "{ not json"))).toMatchObject({ ok: false });
    const wrongId = readCheckConfig(file("id.json", JSON.stringify({ severities: { "NOPE-1": "info" } })));
    expect(wrongId.ok).toBe(false);
    if (!wrongId.ok) expect(wrongId.error).toContain("severities");
    const unknownKey = readCheckConfig(file("key.json", JSON.stringify({ severity: {} })));
    expect(unknownKey.ok).toBe(false);
    expect(() => checkConfigFromEnv({ CUTOVER_CHECKS_CONFIG: join(dir, "missing.json") })).toThrow(
      /CUTOVER_CHECKS_CONFIG/,
    );
  });
});
