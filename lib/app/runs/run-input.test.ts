import { describe, expect, it } from "vitest";
import { StartRunInputSchema } from "./run-input";

describe("StartRunInputSchema", () => {
  it("parses server lists and options with defaults", () => {
    const r = StartRunInputSchema.parse({
      newServers: "ns1.newhost.test=127.0.0.5\n\nns2.newhost.test=127.0.0.6:5300",
      allowPrivate: true,
      port: "5353",
    });
    expect(r).toEqual({
      oldServers: [],
      newServers: [
        { name: "ns1.newhost.test.", address: "127.0.0.5" },
        { name: "ns2.newhost.test.", address: "127.0.0.6", port: 5300 },
      ],
      allowPrivate: true,
      port: 5353,
      rootHints: "",
      http: false,
    });
  });
  it("reports every bad line and bad root hints", () => {
    const r = StartRunInputSchema.safeParse({ oldServers: "a=1.2.3.4\nb=nope", rootHints: ". NS\n" });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(paths[0]).toEqual(["oldServers", '"nope" is not an IPv4 or IPv6 address']);
    expect(paths[1][0]).toBe("rootHints");
  });
  it("takes the pipeline extras: HTTP probing and an RDAP base URL (https unless private addresses are allowed)", () => {
    expect(StartRunInputSchema.parse({ http: true, rdapBaseUrl: "https://rdap.example/" })).toMatchObject({
      http: true,
      rdapBaseUrl: "https://rdap.example/",
    });
    expect(StartRunInputSchema.parse({ rdapBaseUrl: " " }).rdapBaseUrl).toBeUndefined();
    expect(
      StartRunInputSchema.parse({ allowPrivate: true, rdapBaseUrl: "http://127.0.0.1:8080/rdap/" }).rdapBaseUrl,
    ).toBe("http://127.0.0.1:8080/rdap/");
    const plain = StartRunInputSchema.safeParse({ rdapBaseUrl: "http://rdap.example/" });
    expect(plain.success).toBe(false);
    expect(plain.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["rdapBaseUrl", "the RDAP base URL must use https"],
    ]);
    expect(StartRunInputSchema.safeParse({ rdapBaseUrl: "ftp://rdap.example/" }).success).toBe(false);
  });
  it("rejects unknown fields (strict)", () => {
    expect(StartRunInputSchema.safeParse({ tsigSecret: "x" }).success).toBe(false);
  });
});
