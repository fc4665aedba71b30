import { describe, expect, it } from "vitest";
import { checkAddress, classifyAddress } from "./address-policy";

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.5", "loopback"],
    ["10.1.2.3", "private"],
    ["172.31.0.1", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "cgnat"],
    ["169.254.1.1", "link-local"],
    ["224.0.0.251", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "reserved"],
    ["0.1.2.3", "reserved"],
    ["192.0.2.1", "reserved"],
    ["8.8.8.8", "public"],
    ["172.32.0.1", "public"],
    ["::1", "loopback"],
    ["::", "reserved"],
    ["fe80::1", "link-local"],
    ["fd00::1", "private"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:9.9.9.9", "public"],
    ["2001:500:2::c", "public"],
    ["2002:a00:1::1", "private"],
    ["2002:808:808::1", "reserved"],
    ["example.com", "invalid"],
  ])("%s is %s", (addr, cls) => {
    expect(classifyAddress(addr)).toBe(cls);
  });
});

describe("checkAddress", () => {
  it("refuses private ranges by default and allows them on request", () => {
    expect(checkAddress("127.0.0.1", { allowPrivate: false })).toMatch(/loopback/);
    expect(checkAddress("127.0.0.1", { allowPrivate: true })).toBeNull();
    expect(checkAddress("198.41.0.4", { allowPrivate: false })).toBeNull();
  });
  it("never allows multicast", () => {
    expect(checkAddress("ff02::1", { allowPrivate: true })).toMatch(/multicast/);
  });
});
