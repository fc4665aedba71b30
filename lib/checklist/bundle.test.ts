import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PARTY_ROLES } from "../schedule/parties";
import { createBundle, verifyBundle } from "./bundle";
import { canonicalJson } from "./canonical-json";
import { keyringToJwks } from "./jwk";
import { createRevision, revisionDigest, type Revision } from "./revision";
import { sampleRevisionContent } from "./sample-revision";
import type { Signoff } from "./signoff";
import { generateSigningKey, loadOrCreateSigningKey, readKeyring, rotateSigningKey } from "./signing-key";

const key = generateSigningKey();
const revision = createRevision({
  transferId: "tr-1",
  previous: null,
  content: sampleRevisionContent(),
  now: new Date("2026-10-05T12:00:00Z"),
});
const approvals = (rev: Revision): Signoff[] =>
  PARTY_ROLES.map((role, i) => ({
    transferId: rev.transferId,
    role,
    signerName: `Signer ${i}`,
    decision: "approve",
    signedAt: `2026-10-06T0${i}:00:00.000Z`,
    revisionNumber: rev.revisionNumber,
    revisionDigest: revisionDigest(rev),
  }));

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cutover-bundle-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("decisions bound to accounts", () => {
  test("a bound waiver and a self-declared sign-off are signed; bundles without them (older ones) keep verifying; editing the account fails", () => {
    const content = sampleRevisionContent();
    const findings = content.findings.map((f) =>
      f.state.status === "acknowledged"
        ? {
            ...f,
            state: {
              ...f.state,
              by: "Ann Staff",
              account: { userId: "u-ann", email: "ann@registrar-a.test", name: "Ann Staff" },
              onBehalfOf: "Owner Olga",
            },
          }
        : f,
    );
    const bound = createRevision({
      transferId: "tr-1",
      previous: null,
      content: { ...content, findings },
      now: new Date("2026-10-05T12:00:00Z"),
    });
    expect(bound.findings.find((f) => f.state.status === "acknowledged")!.state).toMatchObject({
      account: { userId: "u-ann" },
      onBehalfOf: "Owner Olga",
    });
    const signoffs = approvals(bound).map((s, i) => ({
      ...s,
      linkId: `link-${i}`,
      signerNameIs: "self-declared" as const,
    }));
    const { bundle, bytes } = createBundle({ revision: bound, signoffs, key });
    expect(bundle.signoffs[0]).toMatchObject({ linkId: "link-0", signerNameIs: "self-declared" });
    expect(verifyBundle(bytes, key.publicJwk)).toMatchObject({ valid: true, signoffs: 5 });
    expect(
      verifyBundle(Buffer.from(bytes.toString("utf8").replace('"userId":"u-ann"', '"userId":"u-bob"')), key.publicJwk),
    ).toMatchObject({ valid: false, code: "digest-mismatch" });
    // The older shape: typed names, no account, no link id.
    expect(
      verifyBundle(createBundle({ revision, signoffs: approvals(revision), key }).bytes, key.publicJwk),
    ).toMatchObject({ valid: true });
  });
});

describe("bundle round trip", () => {
  test("signed draft bundle verifies with the supplied key, with a JWKS, and with the embedded key", () => {
    const { bundle, bytes } = createBundle({ revision, signoffs: [], key });
    expect(bundle.final).toBe(false);
    expect(bytes.toString("utf8")).toBe(canonicalJson(bundle) + "\n");
    const r = verifyBundle(bytes, key.publicJwk);
    expect(r).toEqual({
      valid: true,
      keyId: key.keyId,
      keySource: "supplied",
      revisionDigest: revisionDigest(revision),
      transferId: "tr-1",
      domain: "project.test",
      revisionNumber: 1,
      final: false,
      signoffs: 0,
    });
    expect(verifyBundle(bytes, { keys: [key.publicJwk] })).toMatchObject({ valid: true, keySource: "supplied" });
    expect(verifyBundle(bytes)).toMatchObject({ valid: true, keySource: "embedded" });
    expect(verifyBundle(bytes.toString("utf8").trimEnd(), key.publicJwk)).toMatchObject({ valid: true });
  });

  test("final bundle carries every current sign-off; stale ones stay out", () => {
    const stale = { ...approvals(revision)[0], revisionDigest: "c".repeat(64), revisionNumber: 1 };
    const { bundle, bytes } = createBundle({ revision, signoffs: [stale, ...approvals(revision)], key });
    expect(bundle.final).toBe(true);
    expect(bundle.signoffs.map((s) => s.role)).toEqual([...PARTY_ROLES]);
    expect(verifyBundle(bytes, key.publicJwk)).toMatchObject({ valid: true, final: true, signoffs: 5 });
  });

  test("a different key, an unknown key id and a swapped embedded key are refused", () => {
    const { bytes } = createBundle({ revision, signoffs: [], key });
    const other = generateSigningKey();
    expect(verifyBundle(bytes, other.publicJwk)).toEqual({
      valid: false,
      code: "unknown-key",
      reason: `the bundle was signed with key ${key.keyId}, which is not among the trusted keys`,
    });
    // An attacker re-signs an edited revision with their own key and embeds it:
    const forged = createBundle({
      revision: { ...revision, verdict: { decision: "go", reasons: [] } },
      signoffs: [],
      key: other,
    });
    expect(verifyBundle(forged.bytes, key.publicJwk)).toMatchObject({ valid: false, code: "unknown-key" });
    // …and a keyId kept but key swapped:
    const b = JSON.parse(forged.bytes.toString());
    b.keyId = key.keyId;
    expect(verifyBundle(canonicalJson(b), key.publicJwk)).toMatchObject({ valid: false, code: "key-mismatch" });
  });

  test("a bundle from a rotated-out key verifies against the keyring", () => {
    const old = loadOrCreateSigningKey({ dataDir: dir });
    const { bytes } = createBundle({ revision, signoffs: [], key: old });
    rotateSigningKey({ dataDir: dir });
    expect(verifyBundle(bytes, readKeyring(dir))).toMatchObject({ valid: true, keyId: old.keyId });
    expect(verifyBundle(bytes, keyringToJwks(readKeyring(dir)))).toMatchObject({ valid: true });
  });

  test("content edits re-serialised canonically are caught by digest or signature", () => {
    const { bytes } = createBundle({ revision, signoffs: approvals(revision), key });
    const b = JSON.parse(bytes.toString());
    b.revision.findings[0].state = { status: "open" };
    expect(verifyBundle(canonicalJson(b), key.publicJwk)).toMatchObject({ valid: false, code: "digest-mismatch" });
    b.revisionDigest = revisionDigest(b.revision);
    expect(verifyBundle(canonicalJson(b), key.publicJwk)).toMatchObject({ valid: false, code: "signoff-mismatch" });
    const c = JSON.parse(bytes.toString());
    c.signoffs.pop();
    expect(verifyBundle(canonicalJson(c), key.publicJwk)).toMatchObject({ valid: false, code: "bad-signature" });
    const d = JSON.parse(bytes.toString());
    d.final = false;
    expect(verifyBundle(canonicalJson(d), key.publicJwk)).toMatchObject({ valid: false, code: "bad-signature" });
  });

  test("reformatting is refused: the file must be canonical", () => {
    const { bundle } = createBundle({ revision, signoffs: [], key });
    expect(verifyBundle(JSON.stringify(bundle, null, 2), key.publicJwk)).toMatchObject({
      valid: false,
      code: "not-canonical",
    });
    expect(verifyBundle(Buffer.from([0xff, 0xfe]), key.publicJwk)).toMatchObject({ valid: false, code: "not-utf8" });
    expect(verifyBundle("{", key.publicJwk)).toMatchObject({ valid: false, code: "not-json" });
    expect(verifyBundle('{"format":"x"}', key.publicJwk)).toMatchObject({ valid: false, code: "schema" });
  });
});

describe("tamper detection over every byte of a bundle file", () => {
  const file = () => join(dir, "bundle.json");
  beforeAll(() => {
    writeFileSync(file(), createBundle({ revision, signoffs: approvals(revision), key }).bytes);
  });

  for (const mask of [0x01, 0x20, 0x80]) {
    test(`XOR 0x${mask.toString(16).padStart(2, "0")} at each byte position fails verification`, () => {
      const original = readFileSync(file());
      expect(verifyBundle(original, key.publicJwk).valid).toBe(true);
      expect(original.length).toBeGreaterThan(2000);
      const accepted: number[] = [];
      const codes = new Map<string, number>();
      for (let i = 0; i < original.length; i++) {
        const copy = Buffer.from(original);
        copy[i] ^= mask;
        for (const trust of mask === 0x01 ? [key.publicJwk, undefined] : [key.publicJwk]) {
          const r = verifyBundle(copy, trust);
          if (r.valid) accepted.push(i);
          else codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
        }
      }
      expect(accepted).toEqual([]);
      // ASCII-preserving flips reach several defences, not just the parser; 0x80 mostly breaks UTF-8
      if (mask !== 0x80) expect(codes.size).toBeGreaterThanOrEqual(4);
      else expect(codes.get("not-utf8")).toBeGreaterThan(original.length * 0.9);
    });
  }
});
