import { describe, expect, it } from "vitest";
import { parseServerLine, serverLineText, StartRunInputSchema } from "./run-input";

describe("parseServerLine", () => {
  it("reads name=address[:port] for IPv4 and IPv6, making the name absolute and lowercase", () => {
    expect(parseServerLine("NS1.NewHost.test=127.0.0.5")).toEqual({ ok: true, server: { name: "ns1.newhost.test.", address: "127.0.0.5" } });
    expect(parseServerLine(" ns1.newhost.test.=127.0.0.5:5353 ")).toEqual({ ok: true, server: { name: "ns1.newhost.test.", address: "127.0.0.5", port: 5353 } });
    expect(parseServerLine("ns2.x=[::1]:53")).toEqual({ ok: true, server: { name: "ns2.x.", address: "::1", port: 53 } });
    expect(parseServerLine("ns2.x=2001:db8::1")).toEqual({ ok: true, server: { name: "ns2.x.", address: "2001:db8::1" } });
  });
  it("refuses what is not a server", () => {
    expect(parseServerLine("ns1.x")).toEqual({ ok: false, message: '"ns1.x": expected name=address[:port]' });
    expect(parseServerLine("ns1.x=ns2.y")).toEqual({ ok: false, message: '"ns2.y" is not an IPv4 or IPv6 address' });
    expect(parseServerLine("ns1.x=1.2.3.4:70000")).toEqual({ ok: false, message: "port 70000 is out of range" });
    expect(parseServerLine("bad name=1.2.3.4")).toEqual({ ok: false, message: '"bad name" is not a host name' });
  });
  it("round-trips through serverLineText", () => {
    for (const t of ["ns1.x.=192.0.2.1", "ns1.x.=192.0.2.1:5353", "ns2.x.=[::1]:53"]) {
      const r = parseServerLine(t);
      expect(r.ok && serverLineText(r.server)).toBe(t);
    }
  });
});

describe("StartRunInputSchema", () => {
  it("parses server lists and options with defaults", () => {
    const r = StartRunInputSchema.parse({ newServers: "ns1.newhost.test=127.0.0.5\n\nns2.newhost.test=127.0.0.6:5300", allowPrivate: true, port: "5353" });
    expect(r).toEqual({
      oldServers: [],
      newServers: [
        { name: "ns1.newhost.test.", address: "127.0.0.5" },
        { name: "ns2.newhost.test.", address: "127.0.0.6", port: 5300 },
      ],
      allowPrivate: true,
      port: 5353,
      rootHints: "",
    });
  });
  it("reports every bad line and bad root hints", () => {
    const r = StartRunInputSchema.safeParse({ oldServers: "a=1.2.3.4\nb=nope", rootHints: ". NS\n" });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(paths[0]).toEqual(["oldServers", '"nope" is not an IPv4 or IPv6 address']);
    expect(paths[1][0]).toBe("rootHints");
  });
  it("rejects unknown fields (strict)", () => {
    expect(StartRunInputSchema.safeParse({ tsigSecret: "x" }).success).toBe(false);
  });
});
