import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createBundle, verifyBundle } from "../checklist/bundle";
import { createRevision } from "../checklist/revision";
import { sampleRevisionContent } from "../checklist/sample-revision";
import { loadOrCreateSigningKey, readKeyring } from "../checklist/signing-key";
import { main } from "./keys";

function io() {
  const out = { stdout: "", stderr: "" };
  return {
    out,
    io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } },
  };
}

describe("cutover keys", () => {
  it("rotates the signing key; bundles signed before keep verifying against the keyring", () => {
    const dir = mkdtempSync(join(tmpdir(), "cutover-keys-"));
    const oldKey = loadOrCreateSigningKey({ dataDir: dir });
    const revision = createRevision({
      transferId: "t1",
      previous: null,
      content: sampleRevisionContent(),
      now: new Date("2026-11-01T10:00:00Z"),
    });
    const { bytes } = createBundle({ revision, signoffs: [], key: oldKey });

    const r = io();
    expect(main(["rotate", "--data-dir", dir], r.io)).toBe(0);
    const newKey = loadOrCreateSigningKey({ dataDir: dir });
    expect(newKey.keyId).not.toBe(oldKey.keyId);
    expect(r.out.stdout).toContain(`new active key ${newKey.keyId}`);
    expect(r.out.stdout).toContain(`${newKey.keyId}\tactive`);
    expect(r.out.stdout).toContain(`${oldKey.keyId}\n`);

    // The old private key is gone, its public key is still trusted.
    expect(readdirSync(join(dir, "signing")).filter((f) => f.endsWith(".pem"))).toEqual([`${newKey.keyId}.key.pem`]);
    const keyring = readKeyring(dir);
    expect([...keyring.keys()].sort()).toEqual([oldKey.keyId, newKey.keyId].sort());
    expect(verifyBundle(bytes, keyring)).toMatchObject({ valid: true });
  });

  it("rejects unknown actions with the usage exit code", () => {
    const r = io();
    expect(main(["shred"], r.io)).toBe(2);
    expect(r.out.stderr).toContain("usage: cutover keys");
  });
});
