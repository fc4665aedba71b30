import { describe, expect, test } from "vitest";
import { importZone } from "./index";
import { nameToText } from "../name";

const enc = (s: string) => new TextEncoder().encode(s);
const MAIN = "$ORIGIN p.test.\n$TTL 300\n@ IN SOA ns1 host 1 2 3 4 5\n$INCLUDE inc/part.zone\nz IN A 192.0.2.9\n";
const PART = "www IN A 192.0.2.1\n";

describe("BIND master files", () => {
  test("bundle $INCLUDE: resolved among the uploaded files, included file not read twice", () => {
    const r = importZone([
      { name: "main.zone", bytes: enc(MAIN) },
      { name: "inc/part.zone", bytes: enc(PART) },
    ]);
    expect(r.report.format).toBe("bind");
    expect(r.records.map((x) => `${nameToText(x.owner)} ${x.file}:${x.line}`)).toEqual([
      "p.test. main.zone:3",
      "www.p.test. inc/part.zone:1",
      "z.p.test. main.zone:5",
    ]);
    expect(r.report.files.map((f) => f.name)).toEqual(["main.zone", "inc/part.zone"]);
    expect(r.diagnostics).toEqual([]);
  });

  test("bundle mode never reads the file system", () => {
    const r = importZone([{ name: "main.zone", bytes: enc(MAIN.replace("inc/part.zone", "/etc/passwd")) }]);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([["include-not-found", 4]]);
    expect(r.records).toHaveLength(2);
  });

  test("--origin and --default-ttl reach the parser", () => {
    const r = importZone([{ name: "z", bytes: enc("@ IN SOA ns1 host 1 2 3 4 5\nwww IN A 192.0.2.1\n") }], {
      format: "bind",
      origin: "q.test",
      defaultTtl: 123,
    });
    expect(r.report.origin).toBe("q.test.");
    expect(r.records.map((x) => `${nameToText(x.owner)} ${x.ttl}`)).toEqual(["q.test. 123", "www.q.test. 123"]);
  });

  test("an unknown type mnemonic is rejected and counted, never dropped; RFC 3597 data is kept", () => {
    const r = importZone([
      {
        name: "z",
        bytes: enc("$ORIGIN p.test.\n$TTL 60\n@ IN SOA a b 1 2 3 4 5\nx IN FROB 1 2\ny IN TYPE65534 \\# 2 abcd\n"),
      },
    ]);
    const counted = Object.values(r.report.counts).reduce((n, c) => n + c.read, 0);
    expect(counted).toBe(3);
    expect(r.report.totals.rejected).toBe(1);
    expect(r.report.counts.TYPE65534).toEqual({ read: 1, represented: 1, providerOnly: 0, rejected: 0 });
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([["unknown-type", 4]]);
  });

  test("a byte limit refuses the file instead of reading part of it silently", () => {
    const r = importZone([{ name: "z", bytes: enc(MAIN) }], { limits: { maxBytes: 10 } });
    expect(r.report.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["limit-bytes"]);
  });
});
