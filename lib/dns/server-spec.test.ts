import { describe, expect, it } from "vitest";
import { parseServerSpec, serverSpecText } from "./server-spec";

describe("NAME=ADDR[:PORT] server specs", () => {
  it("reads IPv4 and IPv6, with and without a port; names become lowercase and absolute", () => {
    expect(parseServerSpec("NS1.Example=192.0.2.1")).toEqual({
      ok: true,
      server: { name: "ns1.example.", address: "192.0.2.1" },
    });
    expect(parseServerSpec(" ns1.example.=192.0.2.1:5353 ")).toEqual({
      ok: true,
      server: { name: "ns1.example.", address: "192.0.2.1", port: 5353 },
    });
    expect(parseServerSpec("ns2.example=[::1]:5353")).toEqual({
      ok: true,
      server: { name: "ns2.example.", address: "::1", port: 5353 },
    });
    expect(parseServerSpec("ns2.example=[2001:db8::1]")).toEqual({
      ok: true,
      server: { name: "ns2.example.", address: "2001:db8::1" },
    });
    // Unbracketed IPv6: the colons belong to the address, never a port.
    expect(parseServerSpec("ns2.example=2001:db8::53")).toEqual({
      ok: true,
      server: { name: "ns2.example.", address: "2001:db8::53" },
    });
  });

  it("refuses a missing name, a missing '=', a bad address and a bad port with a reason", () => {
    expect(parseServerSpec("=192.0.2.1")).toEqual({ ok: false, message: '"=192.0.2.1": the server name is missing' });
    expect(parseServerSpec("192.0.2.1")).toEqual({ ok: false, message: '"192.0.2.1": expected name=address[:port]' });
    expect(parseServerSpec("bad name=192.0.2.1")).toEqual({ ok: false, message: '"bad name" is not a host name' });
    expect(parseServerSpec("ns1=nope")).toEqual({ ok: false, message: '"nope" is not an IPv4 or IPv6 address' });
    expect(parseServerSpec("ns1=192.0.2.1:0")).toEqual({
      ok: false,
      message: 'port "0" is not a number from 1 to 65535',
    });
    expect(parseServerSpec("ns1=192.0.2.1:65536")).toEqual({
      ok: false,
      message: 'port "65536" is not a number from 1 to 65535',
    });
    expect(parseServerSpec("ns1=192.0.2.1:53x")).toEqual({
      ok: false,
      message: 'port "53x" is not a number from 1 to 65535',
    });
    expect(parseServerSpec("ns1=[::1]:")).toEqual({ ok: false, message: 'port "" is not a number from 1 to 65535' });
    expect(parseServerSpec("ns1=[192.0.2.1]:53")).toEqual({
      ok: false,
      message: '"192.0.2.1" is not an IPv6 address (brackets are for IPv6 only)',
    });
  });

  it("prints the inverse form", () => {
    for (const spec of [
      "ns1.example.=192.0.2.1",
      "ns1.example.=192.0.2.1:5353",
      "ns2.example.=[::1]:5353",
      "ns2.example.=2001:db8::1",
    ]) {
      const r = parseServerSpec(spec);
      if (!r.ok) throw new Error(r.message);
      expect(serverSpecText(r.server)).toBe(spec);
    }
  });
});
