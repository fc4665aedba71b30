/**
 * fast-check arbitraries: presentation RDATA per type (for round-trip
 * properties at the RDATA and at the zone level). Test-only.
 */
import fc from "fast-check";
import { T } from "../rrtype";
import { rdataToText } from "./convert";

export const ORIGIN = Uint8Array.of(7, ...Buffer.from("example"), 0);

const u8 = fc.integer({ min: 0, max: 255 });
const u16 = fc.integer({ min: 0, max: 65535 });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const hexOf = (min: number, max: number) =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((b) => Buffer.from(b).toString("hex"));
const b64Of = (min: number, max: number) =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((b) => Buffer.from(b).toString("base64"));
const ipv4 = fc.ipV4();
const ipv6 = fc.ipV6();
const labelChars = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_*".split(""));
const label = fc.oneof(
  fc.array(labelChars, { minLength: 1, maxLength: 12 }).map((a) => a.join("")),
  // odd octets, escaped the presentation way
  fc
    .uint8Array({ minLength: 1, maxLength: 5 })
    .map((b) => Array.from(b, (c) => "\\" + String(c).padStart(3, "0")).join("")),
);
const dname = fc.oneof(
  fc.array(label, { minLength: 1, maxLength: 4 }).map((l) => l.join(".") + "."),
  fc.array(label, { minLength: 1, maxLength: 2 }).map((l) => l.join(".")), // relative
  fc.constant("."),
  fc.constant("@"),
);
/** A character-string in presentation form: quoted, with escapes for awkward octets. */
const cstr = fc.uint8Array({ maxLength: 40 }).map((b) => {
  let s = '"';
  for (const c of b)
    s += c === 0x22 || c === 0x5c || c < 0x20 || c > 0x7e ? "\\" + String(c).padStart(3, "0") : String.fromCharCode(c);
  return s + '"';
});
const typeName = fc.constantFrom(
  "A",
  "NS",
  "MX",
  "TXT",
  "AAAA",
  "RRSIG",
  "NSEC",
  "DNSKEY",
  "TYPE1234",
  "TYPE65000",
  "CAA",
  "HTTPS",
);

export const gens: [number, fc.Arbitrary<string>][] = [
  [T.A, ipv4],
  [T.AAAA, ipv6],
  [T.NS, dname],
  [T.CNAME, dname],
  [T.PTR, dname],
  [T.MX, fc.tuple(u16, dname).map(([p, n]) => `${p} ${n}`)],
  [T.TXT, fc.array(cstr, { minLength: 1, maxLength: 4 }).map((a) => a.join(" "))],
  [T.SPF, fc.array(cstr, { minLength: 1, maxLength: 2 }).map((a) => a.join(" "))],
  [T.HINFO, fc.tuple(cstr, cstr).map(([a, b]) => `${a} ${b}`)],
  [T.SOA, fc.tuple(dname, dname, u32, u32, u32, u32, u32).map((v) => v.join(" "))],
  [T.SRV, fc.tuple(u16, u16, u16, dname).map((v) => v.join(" "))],
  [T.NAPTR, fc.tuple(u16, u16, cstr, cstr, cstr, dname).map((v) => v.join(" "))],
  [T.RP, fc.tuple(dname, dname).map((v) => v.join(" "))],
  [T.PX, fc.tuple(u16, dname, dname).map((v) => v.join(" "))],
  [T.DS, fc.tuple(u16, u8, u8, hexOf(1, 48)).map((v) => v.join(" "))],
  [T.CDS, fc.tuple(u16, u8, u8, hexOf(1, 32)).map((v) => v.join(" "))],
  [T.DNSKEY, fc.tuple(u16, u8, u8, b64Of(1, 64)).map((v) => v.join(" "))],
  [T.RRSIG, fc.tuple(typeName, u8, u8, u32, u32, u32, u16, dname, b64Of(1, 64)).map((v) => v.join(" "))],
  [T.NSEC, fc.tuple(dname, fc.array(typeName, { maxLength: 6 })).map(([n, t]) => [n, ...t].join(" "))],
  [
    T.NSEC3,
    fc
      .tuple(
        u8,
        u8,
        u16,
        fc.oneof(fc.constant("-"), hexOf(1, 8)),
        fc.uint8Array({ minLength: 1, maxLength: 20 }),
        fc.array(typeName, { maxLength: 5 }),
      )
      .map(([a, f, i, s, h, t]) =>
        [a, f, i, s, rdataToText(T.NSEC3, Uint8Array.of(1, 0, 0, 0, 0, h.length, ...h)).split(" ")[4], ...t].join(" "),
      ),
  ],
  [T.NSEC3PARAM, fc.tuple(u8, u8, u16, fc.oneof(fc.constant("-"), hexOf(1, 8))).map((v) => v.join(" "))],
  [T.TLSA, fc.tuple(u8, u8, u8, hexOf(1, 40)).map((v) => v.join(" "))],
  [T.SSHFP, fc.tuple(u8, u8, hexOf(1, 32)).map((v) => v.join(" "))],
  [T.CAA, fc.tuple(u8, fc.constantFrom("issue", "issuewild", "iodef", "tbs0"), cstr).map((v) => v.join(" "))],
  [
    T.URI,
    fc
      .tuple(
        u16,
        u16,
        cstr.filter((s) => s.length > 2),
      )
      .map((v) => v.join(" ")),
  ],
  [T.CERT, fc.tuple(u16, u16, u8, b64Of(1, 40)).map((v) => v.join(" "))],
  [T.ZONEMD, fc.tuple(u32, u8, u8, hexOf(12, 48)).map((v) => v.join(" "))],
  [T.CSYNC, fc.tuple(u32, u16, fc.array(typeName, { maxLength: 4 })).map(([s, f, t]) => [s, f, ...t].join(" "))],
  [T.L32, fc.tuple(u16, ipv4).map((v) => v.join(" "))],
  [
    T.L64,
    fc
      .tuple(u16, fc.array(u16, { minLength: 4, maxLength: 4 }))
      .map(([p, g]) => `${p} ${g.map((x) => x.toString(16).padStart(4, "0")).join(":")}`),
  ],
  [
    T.EUI48,
    fc
      .uint8Array({ minLength: 6, maxLength: 6 })
      .map((b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("-")),
  ],
  [
    T.IPSECKEY,
    fc.oneof(
      fc.tuple(u8, u8, b64Of(1, 30)).map(([p, a, k]) => `${p} 0 ${a} . ${a ? k : ""}`),
      fc.tuple(u8, u8, ipv4, b64Of(1, 30)).map(([p, a, g, k]) => `${p} 1 ${a} ${g} ${a ? k : ""}`),
      fc.tuple(u8, u8, ipv6, b64Of(1, 30)).map(([p, a, g, k]) => `${p} 2 ${a} ${g} ${a ? k : ""}`),
      fc.tuple(u8, u8, dname, b64Of(1, 30)).map(([p, a, g, k]) => `${p} 3 ${a} ${g} ${a ? k : ""}`),
    ),
  ],
  [
    T.AMTRELAY,
    fc.oneof(
      fc.tuple(u8, fc.integer({ min: 0, max: 1 })).map(([p, d]) => `${p} ${d} 0 .`),
      fc.tuple(u8, fc.integer({ min: 0, max: 1 }), ipv6).map(([p, d, a]) => `${p} ${d} 2 ${a}`),
    ),
  ],
  [
    T.LOC,
    fc
      .tuple(
        fc.integer({ min: 0, max: 89 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59999 }),
        fc.constantFrom("N", "S"),
        fc.integer({ min: 0, max: 179 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59999 }),
        fc.constantFrom("E", "W"),
        fc.integer({ min: -10000000, max: 4284967295 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 9 }),
      )
      .map(
        ([d1, m1, s1, h1, d2, m2, s2, h2, alt, sm, se]) =>
          `${d1} ${m1} ${(s1 / 1000).toFixed(3)} ${h1} ${d2} ${m2} ${(s2 / 1000).toFixed(3)} ${h2} ${(alt / 100).toFixed(2)}m ${((sm * 10 ** se) / 100).toFixed(2)}m`,
      ),
  ],
  [
    T.APL,
    fc
      .array(
        fc.oneof(
          fc
            .tuple(fc.boolean(), ipv4, fc.integer({ min: 0, max: 32 }))
            .map(([n, a, p]) => `${n ? "!" : ""}1:${a}/${p}`),
          fc
            .tuple(fc.boolean(), ipv6, fc.integer({ min: 0, max: 128 }))
            .map(([n, a, p]) => `${n ? "!" : ""}2:${a}/${p}`),
        ),
        { maxLength: 3 },
      )
      .map((a) => a.join(" ")),
  ],
  [
    T.SVCB,
    fc
      .tuple(
        u16,
        dname,
        fc.option(fc.array(fc.constantFrom("h2", "h3", "a,b", "x\\y", "dot"), { minLength: 1, maxLength: 3 })),
        fc.option(u16),
        fc.option(fc.array(ipv4, { minLength: 1, maxLength: 3 })),
        fc.option(fc.array(ipv6, { minLength: 1, maxLength: 2 })),
        fc.option(b64Of(0, 20)),
        fc.option(fc.uint8Array({ maxLength: 10 })),
      )
      .map(([prio, target, alpn, port, v4, v6, ech, opaque]) => {
        const p = [String(prio), target];
        if (alpn) p.push(`alpn="${alpn.map((a) => a.replace(/\\/g, "\\\\\\\\").replace(/,/g, "\\\\,")).join(",")}"`);
        if (port !== null) p.push(`port=${port}`);
        if (v4) p.push(`ipv4hint=${v4.join(",")}`);
        if (v6) p.push(`ipv6hint=${v6.join(",")}`);
        if (ech !== null) p.push(ech ? `ech=${ech}` : "ech");
        if (opaque) p.push(`key1234="${Array.from(opaque, (c) => "\\" + String(c).padStart(3, "0")).join("")}"`);
        return p.join(" ");
      }),
  ],
  [T.LUA, fc.tuple(typeName, cstr).map((v) => v.join(" "))],
  [T.ALIAS, dname],
  [65280, fc.uint8Array({ maxLength: 30 }).map((b) => `\\# ${b.length} ${Buffer.from(b).toString("hex")}`)],
];
