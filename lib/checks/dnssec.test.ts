import { describe, expect, it } from "vitest";
import { name as wire } from "../zone/name";
import { T } from "../zone/rrtype";
import { dsMatches, keyTag, parseRrsig, verifyRrsig } from "./dnssec";
import { records } from "./testing/build-input";

// Signed by dnssec-signzone with lib/lab/keys/Kshop.project.test.+013+00440 (lab-only key).
const signed = records(
  `$ORIGIN shop.project.test.
@ 300 IN DNSKEY 257 3 13 v89eA2gjBUs0f1TEQ8I+DI8pgZtDae22ZDSMZD7pBembTdTj1rQ0euGC OesfbmO3CNmghaFRy5qpXFUMyZr3wg==
@ 300 IN RRSIG DNSKEY 13 3 300 20361231000000 20260101000000 440 shop.project.test. 5/jRyg9ZTrU3W9i66wd2fHhftDAXFa2TzcS17wVyLDGqtQeuk0xqjUUn tUXAih9hUnKkWNpiaE/4wlX+fRUWgA==
@ 300 IN A 192.0.2.60
@ 300 IN RRSIG A 13 3 300 20361231000000 20260101000000 440 shop.project.test. YMEmnPuOFDCdOIM+0MiHDjj4emg60fQNNmmBv6BrjveNYRljXlXhAq6i cVbKpfMuKutWHks/2tWcZTo7iK4yNA==
`,
  "shop.project.test.",
);
const key = signed.find((r) => r.type === T.DNSKEY)!.rdata;
const sigOver = (t: number) => signed.find((r) => r.type === T.RRSIG && ((r.rdata[0] << 8) | r.rdata[1]) === t)!.rdata;
const owner = wire("shop.project.test.");

describe("DNSSEC arithmetic", () => {
  it("reads the RRSIG fields (labels, key tag, signer)", () => {
    const s = parseRrsig(sigOver(T.DNSKEY))!;
    expect([s.typeCovered, s.algorithm, s.labels, s.originalTtl, s.keyTag]).toEqual([T.DNSKEY, 13, 3, 300, 440]);
    expect(keyTag(key)).toBe(440);
  });

  it("verifies real ECDSA P-256 signatures, and rejects altered data", () => {
    expect(verifyRrsig({ owner, type: T.DNSKEY, rdatas: [key], rrsig: sigOver(T.DNSKEY), dnskey: key })).toBe(true);
    expect(
      verifyRrsig({
        owner: wire("SHOP.project.test."),
        type: T.A,
        rdatas: [new Uint8Array([192, 0, 2, 60])],
        rrsig: sigOver(T.A),
        dnskey: key,
      }),
    ).toBe(true);
    expect(
      verifyRrsig({ owner, type: T.A, rdatas: [new Uint8Array([192, 0, 2, 61])], rrsig: sigOver(T.A), dnskey: key }),
    ).toBe(false);
    expect(verifyRrsig({ owner, type: T.DNSKEY, rdatas: [key], rrsig: sigOver(T.A), dnskey: key })).toBe(false);
  });

  it("matches the lab's DS for the key (dnssec-dsfromkey -2)", () => {
    const ds = records(
      "shop.project.test. 86400 IN DS 440 13 2 934113B0D2B17C87E810765DB45A2FE166453997913552512514B11194198FB9\n",
      "project.test.",
    )[0].rdata;
    expect(dsMatches(ds, key, owner)).toBe(true);
  });
});
