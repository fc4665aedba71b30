import { createPrivateKey, generateKeyPairSync, sign, verify } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { jwkThumbprint, keyringToJwks, parseKeyring, publicKeyFromJwk } from "./jwk";
import { loadOrCreateSigningKey, readKeyring, rotateSigningKey, SigningKeyError } from "./signing-key";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cutover-keys-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("JWK and RFC 7638 thumbprint", () => {
  // RFC 8037 Appendix A.1–A.4 test vectors.
  const rfcJwk = {
    kty: "OKP",
    crv: "Ed25519",
    d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
    x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
  } as const;
  test("RFC 8037 A.3 thumbprint", () => {
    expect(jwkThumbprint(rfcJwk)).toBe("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  });
  test("RFC 8037 A.4 Ed25519 signature with node:crypto", () => {
    const key = createPrivateKey({ key: rfcJwk, format: "jwk" });
    const sig = sign(null, Buffer.from("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"), key);
    expect(sig.toString("base64url")).toBe(
      "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg",
    );
  });
  test("parseKeyring: JWK, array, JWKS; kid must equal the thumbprint; private members flagged", () => {
    const { kty, crv, x } = rfcJwk;
    expect([...parseKeyring({ kty, crv, x }).keyring.keys()]).toEqual(["kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"]);
    expect(
      parseKeyring({
        keys: [
          { kty, crv, x },
          { kty: "RSA", n: "x", e: "AQAB" },
        ],
      }).keyring.size,
    ).toBe(1);
    const wrong = parseKeyring([{ kty, crv, x, kid: "mine" }]);
    expect(wrong.keyring.size).toBe(0);
    expect(wrong.problems[0]).toContain('kid "mine" is not its RFC 7638 thumbprint');
    expect(parseKeyring(rfcJwk).problems).toEqual([
      'key 0: contains a private key member "d" (ignored, but it should not be published)',
    ]);
    expect(parseKeyring({ kty, crv, x: x + "A" }).keyring.size).toBe(0);
  });
});

describe("signing key store", () => {
  test("generated on first use with 0700/0600 permissions, then reused", () => {
    const k1 = loadOrCreateSigningKey({ dataDir: dir });
    expect(k1.keyId).toBe(jwkThumbprint(k1.publicJwk));
    expect(k1.publicJwk).toEqual({
      kty: "OKP",
      crv: "Ed25519",
      x: expect.any(String),
      kid: k1.keyId,
      alg: "EdDSA",
      use: "sig",
    });
    expect("d" in k1.publicJwk).toBe(false);
    expect(statSync(join(dir, "signing")).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, "signing", `${k1.keyId}.key.pem`)).mode & 0o777).toBe(0o600);
    const k2 = loadOrCreateSigningKey({ dataDir: dir });
    expect(k2.keyId).toBe(k1.keyId);
    expect([...readKeyring(dir).keys()]).toEqual([k1.keyId]);
  });
  test("a private key readable by others is refused", () => {
    const k = loadOrCreateSigningKey({ dataDir: dir });
    chmodSync(join(dir, "signing", `${k.keyId}.key.pem`), 0o644);
    expect(() => loadOrCreateSigningKey({ dataDir: dir })).toThrow(SigningKeyError);
  });
  test("rotation keeps old public keys and deletes the old private key", () => {
    const old = loadOrCreateSigningKey({ dataDir: dir, now: new Date("2026-01-01T00:00:00Z") });
    const neu = rotateSigningKey({ dataDir: dir, now: new Date("2026-06-01T00:00:00Z") });
    expect(neu.keyId).not.toBe(old.keyId);
    expect(loadOrCreateSigningKey({ dataDir: dir }).keyId).toBe(neu.keyId);
    const ring = readKeyring(dir);
    expect([...ring.keys()]).toEqual([old.keyId, neu.keyId]);
    expect(keyringToJwks(ring).keys.map((k) => k.kid)).toEqual([old.keyId, neu.keyId]);
    expect(existsSync(join(dir, "signing", `${old.keyId}.key.pem`))).toBe(false);
    expect(readdirSync(join(dir, "signing")).sort()).toEqual([`${neu.keyId}.key.pem`, "keyring.json"].sort());
    // the old public key still verifies what the old key signed
    const sig = sign(null, Buffer.from("x"), old.privateKey);
    expect(verify(null, Buffer.from("x"), publicKeyFromJwk(ring.get(old.keyId)!), sig)).toBe(true);
    expect(verify(null, Buffer.from("x"), publicKeyFromJwk(ring.get(neu.keyId)!), sig)).toBe(false);
  });
  test("operator-supplied PEM and JWK keys; the operator key joins the keyring as active", () => {
    const own = loadOrCreateSigningKey({ dataDir: dir });
    const { privateKey } = generateKeyPairSync("ed25519");
    const pem = join(dir, "operator.pem");
    writeFileSync(pem, privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 0o600 });
    const op = loadOrCreateSigningKey({ dataDir: dir, keyFile: pem });
    expect(op.keyId).not.toBe(own.keyId);
    expect([...readKeyring(dir).keys()]).toEqual([own.keyId, op.keyId]);
    const jwkFile = join(dir, "operator.jwk");
    writeFileSync(jwkFile, JSON.stringify(privateKey.export({ format: "jwk" })), { mode: 0o600 });
    expect(loadOrCreateSigningKey({ dataDir: dir, keyFile: jwkFile }).keyId).toBe(op.keyId);
    const rsa = join(dir, "rsa.pem");
    writeFileSync(
      rsa,
      generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ format: "pem", type: "pkcs8" }),
      { mode: 0o600 },
    );
    expect(() => loadOrCreateSigningKey({ dataDir: dir, keyFile: rsa })).toThrow(/Ed25519/);
  });
});
