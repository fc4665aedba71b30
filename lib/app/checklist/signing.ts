/**
 * The server's signing key, generated on first use into <dataDir>/signing/
 * (lib/checklist/signing-key.ts), or the operator's key from
 * CUTOVER_SIGNING_KEY_FILE. Cached per process.
 */
import { keyringToJwks, type PublicJwk } from "../../checklist/jwk";
import { loadOrCreateSigningKey, readKeyring, type SigningKey } from "../../checklist/signing-key";
import { dataDir, signingKeyFile } from "../../config/data-dir";

const holder = globalThis as unknown as { __cutoverSigningKey?: { dir: string; key: SigningKey } };

export function serverSigningKey(): SigningKey {
  const dir = dataDir();
  if (holder.__cutoverSigningKey?.dir !== dir) {
    holder.__cutoverSigningKey = { dir, key: loadOrCreateSigningKey({ dataDir: dir, keyFile: signingKeyFile() }) };
  }
  return holder.__cutoverSigningKey.key;
}

/** Every public key this server has signed with (the JWK Set at /.well-known/cutover-signing-key). */
export function publishedKeys(): { keys: PublicJwk[] } {
  const active = serverSigningKey();
  const ring = new Map(readKeyring(dataDir()));
  ring.set(active.keyId, active.publicJwk);
  return keyringToJwks(ring);
}
