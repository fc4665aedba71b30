import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

const h = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });
const ONE_PROXY = { CUTOVER_TRUSTED_PROXY_HOPS: "1" };

describe("clientAddress", () => {
  it("trusts no X-Forwarded-For by default: spoofed headers all land in one bucket", () => {
    const seen = new Set(["1.2.3.4", "5.6.7.8", "9.9.9.9, 198.51.100.7", ""].map((x) => clientAddress(h(x), {})));
    expect([...seen]).toEqual(["direct"]);
    expect(clientAddress(h(), {})).toBe("direct");
  });

  it("takes the address the trusted proxy appended, not the one the client wrote", () => {
    // The client sends "X-Forwarded-For: 1.2.3.4"; the proxy appends the socket address.
    expect(clientAddress(h("1.2.3.4, 198.51.100.7"), ONE_PROXY)).toBe("198.51.100.7");
    expect(clientAddress(h("9.9.9.9, 1.2.3.4, 198.51.100.7"), ONE_PROXY)).toBe("198.51.100.7");
  });

  it("counts hops from the right with several trusted proxies", () => {
    expect(clientAddress(h("1.2.3.4, 198.51.100.7, 10.0.0.2"), { CUTOVER_TRUSTED_PROXY_HOPS: "2" })).toBe(
      "198.51.100.7",
    );
  });

  it("shares one bucket without proxies or without the header", () => {
    expect(clientAddress(h("1.2.3.4"), { CUTOVER_TRUSTED_PROXY_HOPS: "0" })).toBe("direct");
    expect(clientAddress(h(), ONE_PROXY)).toBe("direct");
    expect(clientAddress(h(" , "), ONE_PROXY)).toBe("direct");
  });
});

describe("spoofed X-Forwarded-For against the link limiter", () => {
  it("a fresh header does not buy a fresh bucket for a sign-off link", async () => {
    const { createMemoryRateLimiter } = await import("./rate-limits");
    const { createMemorySignoffLinkStore, issueSignoffLink, resolveSignoffLink } =
      await import("../app/links/signoff-token");
    const now = new Date("2026-10-05T12:00:00Z");
    const store = createMemorySignoffLinkStore();
    const { token, link } = issueSignoffLink({ transferId: "tr-1", role: "domain-owner", now });
    await store.insert(link);
    const limiter = createMemoryRateLimiter({ limit: 3, windowSeconds: 60 });
    // Three guesses, each with its own invented client address, as the probe sent them.
    for (const xff of ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) {
      const guess = issueSignoffLink({ transferId: "x", role: "domain-owner", now }).token;
      await expect(
        resolveSignoffLink({ token: guess, store, now, limiter, ip: clientAddress(h(xff), {}) }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    // The valid link with yet another header: the address bucket is the same one, already used up.
    await expect(
      resolveSignoffLink({ token, store, now, limiter, ip: clientAddress(h("203.0.113.4"), {}) }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });
});
