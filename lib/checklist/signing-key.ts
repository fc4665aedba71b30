/**
 * The server's Ed25519 signing key (DESIGN §8): generated on first use into
 * `<dataDir>/signing/` (directory 0700, private key 0600), or supplied by the
 * operator as a PKCS#8 PEM or a private JWK. Rotation keeps every old public
 * key in `keyring.json` so bundles signed before the rotation still verify;
 * retired private keys are deleted because nothing needs them any more.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { publicJwkSchema, toPublicJwk, type Keyring, type PublicJwk } from "./jwk";

export interface SigningKey {
  /** RFC 7638 thumbprint of the public key. */
  keyId: string;
  privateKey: KeyObject;
  publicJwk: PublicJwk;
}

export class SigningKeyError extends Error {
  constructor(
    /** `permissions`: a private key file readable by group/other; `invalid-key`: not an Ed25519 private key; `corrupt-store`: keyring.json unreadable. */
    readonly code: "permissions" | "invalid-key" | "corrupt-store",
    message: string,
  ) {
    super(message);
    this.name = "SigningKeyError";
  }
}

const keyringFileSchema = z.object({
  version: z.literal(1),
  activeKeyId: z.string(),
  keys: z.array(z.object({ jwk: publicJwkSchema, createdAt: z.string(), retiredAt: z.string().nullable() })),
});
type KeyringFile = z.infer<typeof keyringFileSchema>;

export function signingKeyFromPrivate(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== "ed25519")
    throw new SigningKeyError("invalid-key", "signing key must be Ed25519");
  const publicJwk = toPublicJwk(createPublicKey(privateKey));
  return { keyId: publicJwk.kid!, privateKey, publicJwk };
}

export function generateSigningKey(): SigningKey {
  return signingKeyFromPrivate(generateKeyPairSync("ed25519").privateKey);
}

/** Parses a PKCS#8 PEM or a private JWK (with `d`). */
export function parsePrivateKey(text: string): SigningKey {
  try {
    const trimmed = text.trim();
    const key = trimmed.startsWith("{")
      ? createPrivateKey({ key: JSON.parse(trimmed) as import("node:crypto").JsonWebKey, format: "jwk" })
      : createPrivateKey(trimmed);
    return signingKeyFromPrivate(key);
  } catch (e) {
    if (e instanceof SigningKeyError) throw e;
    throw new SigningKeyError("invalid-key", "operator key is not a readable Ed25519 private key (PKCS#8 PEM or JWK)");
  }
}

function readPrivateFile(path: string): SigningKey {
  // Like ssh: refuse a private key other users can read, rather than sign with a possibly leaked key.
  if ((statSync(path).mode & 0o077) !== 0)
    throw new SigningKeyError("permissions", `${path} is readable by group or others; chmod 600 it`);
  return parsePrivateKey(readFileSync(path, "utf8"));
}

function writeSecret(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600, flag: "wx" });
  chmodSync(tmp, 0o600); // the umask may have narrowed, never widened, but be explicit
  renameSync(tmp, path);
}

function writeKeyringFile(dir: string, data: KeyringFile): void {
  const path = join(dir, "keyring.json");
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data, null, 2) + "\n", { mode: 0o644 });
  renameSync(tmp, path);
}

function readKeyringFile(dir: string): KeyringFile | null {
  let text: string;
  try {
    text = readFileSync(join(dir, "keyring.json"), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = keyringFileSchema.safeParse(json);
  if (!parsed.success) throw new SigningKeyError("corrupt-store", "signing/keyring.json does not match its schema");
  return parsed.data;
}

function storeDir(dataDir: string): string {
  const dir = join(dataDir, "signing");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

function addActive(dir: string, file: KeyringFile | null, key: SigningKey, now: Date): KeyringFile {
  const at = now.toISOString();
  const keys = (file?.keys ?? []).map((k) =>
    k.retiredAt === null && k.jwk.kid !== key.keyId ? { ...k, retiredAt: at } : k,
  );
  if (!keys.some((k) => k.jwk.kid === key.keyId)) keys.push({ jwk: key.publicJwk, createdAt: at, retiredAt: null });
  const next: KeyringFile = { version: 1, activeKeyId: key.keyId, keys };
  writeKeyringFile(dir, next);
  return next;
}

export interface LoadSigningKeyOptions {
  dataDir: string;
  /** Operator-supplied private key (PEM or JWK). When set, nothing secret is written to dataDir. */
  keyFile?: string;
  now?: Date;
}

/** The active signing key; created on first use. An operator key that is new to the keyring becomes active and retires the previous one. */
export function loadOrCreateSigningKey(options: LoadSigningKeyOptions): SigningKey {
  const dir = storeDir(options.dataDir);
  const now = options.now ?? new Date();
  const file = readKeyringFile(dir);
  if (options.keyFile !== undefined) {
    const key = readPrivateFile(options.keyFile);
    if (file?.activeKeyId !== key.keyId) addActive(dir, file, key, now);
    return key;
  }
  if (file !== null) {
    try {
      return readPrivateFile(join(dir, `${file.activeKeyId}.key.pem`));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      // Active key was operator-supplied (no file here): fall through and create one of our own.
    }
  }
  return rotateSigningKey({ dataDir: options.dataDir, now });
}

/** Generates a new active key; the old public key stays in the keyring, the old private key file is removed. */
export function rotateSigningKey(options: { dataDir: string; now?: Date }): SigningKey {
  const dir = storeDir(options.dataDir);
  const file = readKeyringFile(dir);
  const key = generateSigningKey();
  writeSecret(join(dir, `${key.keyId}.key.pem`), key.privateKey.export({ format: "pem", type: "pkcs8" }) as string);
  addActive(dir, file, key, options.now ?? new Date());
  if (file !== null) rmSync(join(dir, `${file.activeKeyId}.key.pem`), { force: true });
  return key;
}

/** Every public key this server has signed with, by key id (for verification and the well-known JWK Set). */
export function readKeyring(dataDir: string): Keyring {
  const file = readKeyringFile(join(dataDir, "signing"));
  return new Map((file?.keys ?? []).map((k) => [k.jwk.kid!, k.jwk]));
}

/** The public JWK for `/.well-known/cutover-signing-key`. */
export function publicJwk(key: SigningKey): PublicJwk {
  return key.publicJwk;
}
