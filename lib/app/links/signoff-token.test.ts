import { describe, expect, test } from "vitest";
import { PARTY_ROLES } from "../../schedule/parties";
import { createMemoryRateLimiter } from "../../security/rate-limits";
import { hashToken } from "../../security/capability-tokens";
import { createRevision, revisionDigest } from "../../checklist/revision";
import { sampleRevisionContent } from "../../checklist/sample-revision";
import type { Signoff } from "../../checklist/signoff";
import {
  createMemorySignoffLinkStore,
  issueSignoffLink,
  resolveSignoffLink,
  type SignoffLinkStore,
} from "./signoff-token";
import { createSignoff } from "./create-signoff";

const now = new Date("2026-10-05T12:00:00Z");
const later = (s: number) => new Date(now.getTime() + s * 1000);

describe("sign-off tokens", () => {
  test("256 random bits, base64url; only the SHA-256 is stored", async () => {
    const { token, link } = issueSignoffLink({ transferId: "tr-1", role: "losing-registrar", now });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(link.tokenHash).toBe(hashToken(token));
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(JSON.stringify(link)).not.toContain(token);
    expect(link.expiresAt).toBe("2026-10-19T12:00:00.000Z");
    const tokens = new Set(
      Array.from({ length: 200 }, () => issueSignoffLink({ transferId: "t", role: "domain-owner", now }).token),
    );
    expect(tokens.size).toBe(200);
  });

  test("resolves while valid; wrong, malformed, revoked and expired all look like missing", async () => {
    const store = createMemorySignoffLinkStore();
    const { token, link } = issueSignoffLink({ transferId: "tr-1", role: "gaining-registrar", now, ttlSeconds: 3600 });
    await store.insert(link);
    expect(await resolveSignoffLink({ token, store, now })).toEqual(link);
    const notFound = { code: "NOT_FOUND", message: "this link is not valid" };
    const other = issueSignoffLink({ transferId: "tr-1", role: "gaining-registrar", now }).token;
    await expect(resolveSignoffLink({ token: other, store, now })).rejects.toMatchObject(notFound);
    await expect(resolveSignoffLink({ token: token.slice(0, -1), store, now })).rejects.toMatchObject(notFound);
    await expect(resolveSignoffLink({ token: token + "A", store, now })).rejects.toMatchObject(notFound);
    await expect(resolveSignoffLink({ token: "", store, now })).rejects.toMatchObject(notFound);
    expect(await resolveSignoffLink({ token, store, now: later(3599) })).toEqual(link);
    await expect(resolveSignoffLink({ token, store, now: later(3600) })).rejects.toMatchObject(notFound);
    expect(await store.revoke({ transferId: "other", id: link.id, at: now })).toBe(false);
    expect(await store.revoke({ transferId: "tr-1", id: link.id, at: now })).toBe(true);
    await expect(resolveSignoffLink({ token, store, now })).rejects.toMatchObject(notFound);
  });

  test("a store that returns a near-miss record is caught by the constant-time comparison", async () => {
    const { token, link } = issueSignoffLink({ transferId: "tr-1", role: "domain-owner", now });
    const sloppy = {
      insert: async () => {},
      revoke: async () => false,
      findByHash: async () => ({
        ...link,
        tokenHash: link.tokenHash.slice(0, 63) + (link.tokenHash.endsWith("0") ? "1" : "0"),
      }),
    };
    await expect(resolveSignoffLink({ token, store: sloppy, now })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("rate limits per IP and per token hash", async () => {
    const store = createMemorySignoffLinkStore();
    const { token, link } = issueSignoffLink({ transferId: "tr-1", role: "domain-owner", now });
    await store.insert(link);
    const limiter = createMemoryRateLimiter({ limit: 3, windowSeconds: 60 });
    for (let i = 0; i < 3; i++)
      expect(await resolveSignoffLink({ token, store, now, limiter, ip: "198.51.100.1" })).toEqual(link);
    await expect(
      resolveSignoffLink({ token, store, now: later(10), limiter, ip: "198.51.100.1" }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 50 } });
    // another IP still hits the per-token limit
    await expect(resolveSignoffLink({ token, store, now, limiter, ip: "198.51.100.2" })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    // guessing from one IP is throttled before any lookup
    const guesser = createMemoryRateLimiter({ limit: 2, windowSeconds: 60 });
    const guess = () =>
      resolveSignoffLink({
        token: issueSignoffLink({ transferId: "x", role: "domain-owner", now }).token,
        store,
        now,
        limiter: guesser,
        ip: "203.0.113.9",
      });
    await expect(guess()).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(guess()).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(guess()).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await resolveSignoffLink({ token, store, now: later(61), limiter, ip: "198.51.100.1" })).toEqual(link);
  });

  test("memory limiter bounds its key count", () => {
    const limiter = createMemoryRateLimiter({ limit: 1, windowSeconds: 60, maxKeys: 2 });
    expect(limiter.hit("a", now)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(limiter.hit("a", now)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    limiter.hit("b", now);
    limiter.hit("c", now); // evicts "a"
    expect(limiter.hit("a", now)).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });
});

describe("a sign-off record", () => {
  test("binds signer, role (from the link, never the form), decision and the current digest", async () => {
    const revision = createRevision({ transferId: "tr-1", previous: null, content: sampleRevisionContent(), now });
    const links: SignoffLinkStore = createMemorySignoffLinkStore();
    const issued = PARTY_ROLES.map((role) => issueSignoffLink({ transferId: "tr-1", role, now }));
    for (const i of issued) await links.insert(i.link);
    const saved: Signoff[] = [];
    for (const [n, i] of issued.entries()) {
      const link = await resolveSignoffLink({ token: i.token, store: links, now: later(n) });
      saved.push(
        createSignoff({
          link,
          revision,
          input: { signerName: `P${n}`, decision: "approve", role: "domain-owner" },
          now,
        }),
      );
    }
    expect(saved.map((s) => s.role)).toEqual([...PARTY_ROLES]);
    expect(saved[0]).toEqual({
      transferId: "tr-1",
      role: "losing-registrar",
      signerName: "P0",
      decision: "approve",
      signedAt: "2026-10-05T12:00:00.000Z",
      revisionNumber: 1,
      revisionDigest: revisionDigest(revision),
      linkId: issued[0]!.link.id,
      signerNameIs: "self-declared",
    });
    const link = await resolveSignoffLink({ token: issued[0]!.token, store: links, now });
    expect(() => createSignoff({ link, revision, input: { signerName: "X", decision: "reject" }, now })).toThrow();
  });
});
