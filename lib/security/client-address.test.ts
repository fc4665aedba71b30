import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

const h = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

describe("clientAddress", () => {
  it("takes the address the trusted proxy appended, not the one the client wrote", () => {
    // The client sends "X-Forwarded-For: 1.2.3.4"; the proxy appends the socket address.
    expect(clientAddress(h("1.2.3.4, 198.51.100.7"), {})).toBe("198.51.100.7");
    expect(clientAddress(h("9.9.9.9, 1.2.3.4, 198.51.100.7"), {})).toBe("198.51.100.7");
  });

  it("counts hops from the right with several trusted proxies", () => {
    expect(clientAddress(h("1.2.3.4, 198.51.100.7, 10.0.0.2"), { CUTOVER_TRUSTED_PROXY_HOPS: "2" })).toBe("198.51.100.7");
  });

  it("shares one bucket without proxies or without the header", () => {
    expect(clientAddress(h("1.2.3.4"), { CUTOVER_TRUSTED_PROXY_HOPS: "0" })).toBe("direct");
    expect(clientAddress(h(), {})).toBe("direct");
    expect(clientAddress(h(" , "), {})).toBe("direct");
  });
});
