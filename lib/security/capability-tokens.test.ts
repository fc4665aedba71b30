import { describe, expect, test } from "vitest";
import { capabilityLive, hashToken, lookupHash, mintToken, sameHash, TOKEN_BYTES } from "./capability-tokens";

describe("capability tokens", () => {
  test("256 random bits in base64url behind the prefix; the hash is of the whole token", () => {
    const { token, hash } = mintToken("cutover_");
    expect(token).toMatch(/^cutover_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice("cutover_".length), "base64url")).toHaveLength(TOKEN_BYTES);
    expect(hash).toBe(hashToken(token));
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(new Set(Array.from({ length: 100 }, () => mintToken().token)).size).toBe(100);
  });

  test("a malformed token, or one of another kind, has no lookup hash (it never reaches the database)", () => {
    const { token, hash } = mintToken("cutover_");
    expect(lookupHash(token, "cutover_")).toBe(hash);
    expect(lookupHash(token.slice("cutover_".length), "cutover_")).toBeNull();
    expect(lookupHash(token)).toBeNull();
    expect(lookupHash(token.slice(0, -1), "cutover_")).toBeNull();
    expect(lookupHash(token + "A", "cutover_")).toBeNull();
    expect(lookupHash("")).toBeNull();
  });

  test("hashes compare by value, in constant time; a near miss or another length is different", () => {
    const { hash } = mintToken();
    expect(sameHash(hash, hash.toUpperCase())).toBe(true);
    expect(sameHash(hash, hash.slice(0, 63) + (hash.endsWith("0") ? "1" : "0"))).toBe(false);
    expect(sameHash(hash, hash.slice(0, 62))).toBe(false);
  });

  test("live until it expires or is revoked", () => {
    const now = new Date("2026-10-05T12:00:00Z");
    expect(capabilityLive({ expiresAt: "2026-10-05T12:00:01Z", revokedAt: null }, now)).toBe(true);
    expect(capabilityLive({ expiresAt: now, revokedAt: null }, now)).toBe(false);
    expect(capabilityLive({ expiresAt: null, revokedAt: null }, now)).toBe(true);
    expect(capabilityLive({ expiresAt: null, revokedAt: now }, now)).toBe(false);
  });
});
