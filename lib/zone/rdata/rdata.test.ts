/** Per-type unit tests for the tricky RDATA cases. */
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import { name } from "../name";
import { T, classFromText, classToText, isMetaType, isProviderOnlyType, typeFromText, typeToText } from "../rrtype";
import { canonicalRdata, parseRdata, rdataToText } from "./convert";
import { rdataTokens } from "./test-lexer.testutil";

const ORIGIN = name("example.com.");
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const bytes = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ""), "hex"));

function parse(type: number, text: string) {
  const toks = rdataTokens(text);
  return parseRdata(type, toks, 0, toks.length, { origin: ORIGIN });
}
function wire(type: number, text: string): string {
  const r = parse(type, text);
  if (!r.ok) throw new Error(`${text}: ${r.code} ${r.message}`);
  return hex(r.wire);
}
function err(type: number, text: string) {
  const r = parse(type, text);
  if (r.ok) throw new Error(`${text}: accepted as ${hex(r.wire)}`);
  return { code: r.code, token: r.token };
}
/** text -> wire -> text -> wire is stable; returns the printed text. */
function roundTrip(type: number, text: string): string {
  const w = wire(type, text);
  const printed = rdataToText(type, bytes(w));
  expect(wire(type, printed)).toBe(w);
  return printed;
}

describe("rrtype registry", () => {
  it("maps mnemonics and generic forms both ways", () => {
    expect(typeFromText("mx")).toBe(15);
    expect(typeFromText("Nsap-Ptr")).toBe(23);
    expect(typeFromText("TYPE65534")).toBe(65534);
    expect(typeFromText("type1")).toBe(1);
    expect(typeFromText("TYPE65536")).toBeUndefined();
    expect(typeFromText("TYPE")).toBeUndefined();
    expect(typeFromText("BOGUS")).toBeUndefined();
    expect(typeToText(15)).toBe("MX");
    expect(typeToText(23)).toBe("NSAP-PTR");
    expect(typeToText(65534)).toBe("TYPE65534");
    expect(typeFromText("ALIAS")).toBe(65401);
    expect(typeFromText("LUA")).toBe(65402);
    expect(typeFromText("DLV")).toBe(32769);
    expect(typeFromText("RESINFO")).toBe(261);
  });
  it("classes, meta types and provider-only types", () => {
    expect(classFromText("in")).toBe(1);
    expect(classFromText("CLASS1")).toBe(1);
    expect(classFromText("ch")).toBe(3);
    expect(classFromText("class65535")).toBe(65535);
    expect(classFromText("CLASS65536")).toBeUndefined();
    expect(classToText(4)).toBe("HS");
    expect(classToText(32)).toBe("CLASS32");
    expect(isMetaType(255)).toBe(true);
    expect(isMetaType(41)).toBe(true);
    expect(isMetaType(1)).toBe(false);
    expect(isProviderOnlyType(T.ALIAS)).toBe(true);
    expect(isProviderOnlyType(T.LUA)).toBe(true);
    expect(isProviderOnlyType(T.CNAME)).toBe(false);
  });
});

describe("addresses", () => {
  it("IPv4 is strict", () => {
    expect(wire(T.A, "192.0.2.1")).toBe("c0000201");
    expect(err(T.A, "192.0.2.01").code).toBe(D.BAD_RDATA);
    expect(err(T.A, "192.0.2").code).toBe(D.BAD_RDATA);
    expect(err(T.A, "192.0.2.256").code).toBe(D.BAD_RDATA);
    expect(err(T.A, "1.2.3.4 5.6.7.8")).toEqual({ code: D.TRAILING_DATA, token: 1 });
  });
  it("IPv6 with ::, embedded IPv4 and RFC 5952 output", () => {
    expect(wire(T.AAAA, "::")).toBe("0".repeat(32));
    expect(wire(T.AAAA, "::1")).toBe("0".repeat(31) + "1");
    expect(wire(T.AAAA, "2001:db8::1")).toBe("20010db8" + "0".repeat(23) + "1");
    expect(wire(T.AAAA, "::ffff:192.0.2.1")).toBe("00000000000000000000ffffc0000201");
    expect(wire(T.AAAA, "2001:DB8:0:0:1:0:0:1")).toBe("20010db8000000000001000000000001");
    expect(rdataToText(T.AAAA, bytes("20010db8000000000001000000000001"))).toBe("2001:db8::1:0:0:1");
    expect(rdataToText(T.AAAA, bytes("20010db8000100000000000000000001"))).toBe("2001:db8:1::1");
    for (const bad of ["1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", ":1", "1:", "::g", "1.2.3.4"]) {
      expect(err(T.AAAA, bad).code, bad).toBe(D.BAD_RDATA);
    }
  });
});

describe("names", () => {
  it("lowercases names of RFC 4034 §6.2 types but not SVCB targets or NSEC next names", () => {
    expect(wire(T.NS, "NS1.Example.COM.")).toBe(hex(name("ns1.example.com.")));
    expect(wire(T.MX, "10 Mail")).toBe("000a" + hex(name("mail.example.com.")));
    expect(wire(T.NSEC, "Next.Example. A")).toBe(hex(name("Next.Example.")) + "000140");
    expect(wire(T.SVCB, "1 Target.Example.")).toBe("0001" + hex(name("Target.Example.")));
  });
  it("canonicalRdata lowercases network wire only where the RFC says so", () => {
    const mx = Uint8Array.from([0, 10, ...name("MAIL.Example.")]);
    expect(hex(canonicalRdata(T.MX, mx))).toBe("000a" + hex(name("mail.example.")));
    const nsec = Uint8Array.from([...name("A.Example."), 0, 1, 0x40]);
    expect(canonicalRdata(T.NSEC, nsec)).toBe(nsec);
    const soa = bytes(wire(T.SOA, "NS. HOST. 1 2 3 4 5"));
    expect(hex(canonicalRdata(T.SOA, soa))).toBe(hex(soa));
    // malformed input is returned untouched, never throws
    const broken = Uint8Array.from([0, 10, 5, 0x41]);
    expect(canonicalRdata(T.MX, broken)).toBe(broken);
  });
  it("reports name errors with their codes", () => {
    expect(err(T.CNAME, "a..b.").code).toBe(D.EMPTY_LABEL);
    expect(err(T.CNAME, "x".repeat(64) + ".").code).toBe(D.LABEL_TOO_LONG);
    const r = parseRdata(T.NS, rdataTokens("relative"), 0, 1, { origin: null });
    expect(r.ok ? "" : r.code).toBe(D.NO_ORIGIN);
  });
});

describe("TXT and character-strings", () => {
  it("handles quotes, escapes, unquoted words and latin1 octets", () => {
    expect(wire(T.TXT, '"a b" c')).toBe("03612062" + "0163");
    expect(wire(T.TXT, '"\\"q\\\\" \\065\\066')).toBe("03227" + "15c" + "024142");
    expect(wire(T.TXT, '""')).toBe("00");
    expect(wire(T.TXT, '"caf\xe9"')).toBe("04636166e9");
    expect(rdataToText(T.TXT, bytes("04636166e9"))).toBe('"caf\\233"');
    expect(rdataToText(T.TXT, bytes("03225c0a"))).toBe('"\\"\\\\\\010"');
  });
  it("enforces the 255-octet limit and escape syntax", () => {
    expect(wire(T.TXT, '"' + "a".repeat(255) + '"').length).toBe(2 * 256);
    expect(err(T.TXT, '"' + "a".repeat(256) + '"')).toEqual({ code: D.STRING_TOO_LONG, token: 0 });
    expect(err(T.TXT, '"\\256"').code).toBe(D.BAD_ESCAPE);
    expect(err(T.TXT, '"\\12"').code).toBe(D.BAD_ESCAPE);
    expect(err(T.TXT, "").code).toBe(D.UNEXPECTED_END);
  });
  it("round-trips awkward bytes", () => {
    expect(roundTrip(T.TXT, '"\\000\\255;()\\"x" y')).toBe('"\\000\\255;()\\"x" "y"');
  });
});

describe("generic RDATA (RFC 3597)", () => {
  it("decodes, validates and canonicalises known types", () => {
    expect(wire(T.A, "\\# 4 C0000201")).toBe("c0000201");
    expect(wire(T.MX, "\\# 6 000a 024d58 00")).toBe("000a" + "026d7800");
    expect(err(T.A, "\\# 3 c00002").code).toBe(D.BAD_GENERIC_RDATA);
    expect(err(T.A, "\\# 0").code).toBe(D.BAD_GENERIC_RDATA);
    expect(err(T.A, "\\# 4 c0000201ff")).toEqual({ code: D.BAD_GENERIC_RDATA, token: 1 });
    expect(err(T.A, "\\# 4 c00002zz").code).toBe(D.BAD_GENERIC_RDATA);
    expect(err(T.TXT, "\\# 2 0561").code).toBe(D.BAD_GENERIC_RDATA);
  });
  it("keeps unknown types opaque in both directions", () => {
    expect(wire(65534, "\\# 3 abcdef")).toBe("abcdef");
    expect(wire(65534, "\\# 0")).toBe("");
    expect(rdataToText(65534, bytes("abcdef"))).toBe("\\# 3 ABCDEF");
    expect(rdataToText(65534, new Uint8Array(0))).toBe("\\# 0");
    expect(err(65534, "abc").code).toBe(D.BAD_RDATA);
    expect(wire(T.NULL, "\\# 2 0102")).toBe("0102");
    expect(err(T.NULL, "anything").code).toBe(D.BAD_RDATA);
  });
  it("falls back to generic text for undecodable wire", () => {
    expect(rdataToText(T.A, bytes("c00002"))).toBe("\\# 3 C00002");
    expect(rdataToText(T.MX, bytes("000a03"))).toBe("\\# 3 000A03");
  });
});

describe("numbers", () => {
  it("reports overflow with the token index", () => {
    expect(err(T.MX, "65536 mail.")).toEqual({ code: D.NUMBER_OVERFLOW, token: 0 });
    expect(err(T.SOA, "a. b. 4294967296 1 2 3 4")).toEqual({ code: D.NUMBER_OVERFLOW, token: 2 });
    expect(err(T.SOA, "a. b. 1 2 3 4")).toEqual({ code: D.UNEXPECTED_END, token: 5 });
    expect(wire(T.SOA, "a. b. 4294967295 1 2 3 4").slice(12, 20)).toBe("ffffffff");
    expect(err(T.SRV, "1 2 -3 t.").code).toBe(D.BAD_RDATA);
  });
});

describe("LOC (RFC 1876)", () => {
  it("encodes the RFC examples", () => {
    // RFC 1876 §4 example: cambridge-net.kei.com
    expect(wire(T.LOC, "42 21 54 N 71 06 18 W -24m 30m")).toBe("0033161389172dd070be15f000988d20"); // = dnspython
  });
  it("applies defaults and prints centimetres", () => {
    const w = wire(T.LOC, "52 22 23.000 N 4 53 32.000 E -2.00m");
    expect(w.slice(0, 8)).toBe("00121613"); // 1m size, 10000m hp, 10m vp
    expect(rdataToText(T.LOC, bytes(w))).toBe("52 22 23.000 N 4 53 32.000 E -2.00m 1.00m 10000.00m 10.00m");
    expect(roundTrip(T.LOC, "60 9 0.510 N 24 39 0.000 E 10.00m 20.00m 2000.00m 0.10m")).toContain("0.10m");
  });
  it("handles the extremes and rejects out-of-range values", () => {
    expect(roundTrip(T.LOC, "90 S 180 E 42849672.95m 90000000m 90000000m 90000000m")).toBe(
      "90 0 0.000 S 180 0 0.000 E 42849672.95m 90000000.00m 90000000.00m 90000000.00m",
    );
    expect(err(T.LOC, "91 N 0 E 0m").code).toBe(D.BAD_RDATA);
    expect(err(T.LOC, "0 60 N 0 E 0m").code).toBe(D.BAD_RDATA);
    expect(err(T.LOC, "0 N 181 E 0m").code).toBe(D.BAD_RDATA);
    expect(err(T.LOC, "0 N 0 E -100000.01m").code).toBe(D.BAD_RDATA);
    expect(err(T.LOC, "0 X 0 E 0m").code).toBe(D.BAD_RDATA);
  });
});

describe("APL (RFC 3123)", () => {
  it("encodes with trailing zero octets stripped and negation", () => {
    expect(wire(T.APL, "1:192.168.32.0/21 !1:192.168.38.0/28")).toBe("00011503c0a820" + "00011c83c0a826");
    expect(wire(T.APL, "1:224.0.0.0/4 2:FF00:0:0:0:0:0:0:0/8")).toBe("00010401e0" + "00020801ff");
    expect(wire(T.APL, "")).toBe("");
    expect(wire(T.APL, "1:0.0.0.0/0")).toBe("00010000");
    expect(roundTrip(T.APL, "1:192.168.32.0/21 !2:2001:db8::/32")).toBe("1:192.168.32.0/21 !2:2001:db8::/32");
  });
  it("rejects bad families, prefixes and syntax", () => {
    expect(err(T.APL, "3:1.2.3.4/8").code).toBe(D.BAD_RDATA);
    expect(err(T.APL, "1:1.2.3.4/33").code).toBe(D.BAD_RDATA);
    expect(err(T.APL, "1:1.2.3.4")).toEqual({ code: D.BAD_RDATA, token: 0 });
  });
});

describe("IPSECKEY gateways (RFC 4025)", () => {
  const key = "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==";
  it("covers the four gateway types", () => {
    expect(wire(T.IPSECKEY, `10 0 2 . ${key}`).slice(0, 6)).toBe("0a0002");
    expect(wire(T.IPSECKEY, `10 1 2 192.0.2.38 ${key}`).slice(0, 14)).toBe("0a0102c0000226");
    expect(wire(T.IPSECKEY, `10 2 2 2001:0DB8:0:8002::2000:1 ${key}`).slice(0, 38)).toBe(
      "0a020220010db8000080020000000020000001",
    );
    expect(wire(T.IPSECKEY, `10 3 2 GW.example.com. ${key}`).slice(0, 8)).toBe("0a030202");
    // gateway name keeps its case (IPSECKEY is not in RFC 4034 §6.2)
    expect(wire(T.IPSECKEY, `10 3 2 GW.example.com. ${key}`)).toContain(hex(name("GW.example.com.")));
    expect(wire(T.IPSECKEY, "10 0 2 .")).toBe("0a0002");
    for (const t of [
      `10 0 2 . ${key}`,
      `10 1 2 192.0.2.38 ${key}`,
      `10 2 2 2001:db8::1 ${key}`,
      `10 3 2 gw.example. ${key}`,
    ]) {
      expect(roundTrip(T.IPSECKEY, t)).toBe(t);
    }
  });
  it("rejects mismatched gateways", () => {
    expect(err(T.IPSECKEY, `10 1 2 2001:db8::1 ${key}`)).toEqual({ code: D.BAD_RDATA, token: 3 });
    expect(err(T.IPSECKEY, `10 0 2 host. ${key}`).code).toBe(D.BAD_RDATA);
    expect(err(T.IPSECKEY, `10 4 2 . ${key}`).code).toBe(D.BAD_RDATA);
  });
});

describe("DNSSEC types", () => {
  it("NSEC bitmaps (RFC 4034 §4.3 example)", () => {
    expect(wire(T.NSEC, "host.example.com. A MX RRSIG NSEC TYPE1234")).toBe(
      hex(name("host.example.com.")) +
        "0006400100000003" +
        "041b000000000000000000000000000000000000000000000000000020",
    );
    expect(rdataToText(T.NSEC, bytes(wire(T.NSEC, "h. TYPE1234 a NSEC mx RRSIG")))).toBe("h. A MX RRSIG NSEC TYPE1234");
    expect(wire(T.NSEC, "h.")).toBe("016800");
    expect(err(T.NSEC, "h. A BOGUS")).toEqual({ code: D.UNKNOWN_TYPE, token: 2 });
    // bitmap windows must be ordered and without trailing zero octets
    expect(err(T.NSEC, "\\# 5 00 00 02 40 00").code).toBe(D.BAD_GENERIC_RDATA);
  });
  it("RRSIG times in both formats, algorithm mnemonics", () => {
    const a = wire(T.RRSIG, "A 5 3 86400 20300101000000 20200101000000 2642 example.com. AQID");
    const b = wire(T.RRSIG, "A RSASHA1 3 86400 1893456000 1577836800 2642 Example.COM. AQID");
    expect(a).toBe(b);
    expect(a.slice(16, 32)).toBe("70dbd8805e0be100");
    expect(rdataToText(T.RRSIG, bytes(a))).toBe("A 5 3 86400 20300101000000 20200101000000 2642 example.com. AQID");
    expect(err(T.RRSIG, "A 5 3 86400 20301301000000 20200101000000 2642 e. AQID")).toEqual({
      code: D.BAD_RDATA,
      token: 4,
    });
    expect(err(T.RRSIG, "A 5 3 86400 20300229000000 20200101000000 2642 e. AQID").code).toBe(D.BAD_RDATA);
    expect(err(T.RRSIG, "A 5 3 86400 20300101000000 20200101000000 2642 e.").code).toBe(D.UNEXPECTED_END);
  });
  it("NSEC3 / NSEC3PARAM salt and base32hex hash", () => {
    const w = wire(T.NSEC3, "1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr MX DNSKEY NS SOA NSEC3PARAM RRSIG");
    expect(w.slice(0, 18)).toBe("0101000c04aabbccdd");
    expect(w.slice(18, 20)).toBe("14");
    expect(roundTrip(T.NSEC3, "1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A")).toBe(
      "1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A",
    );
    expect(wire(T.NSEC3PARAM, "1 0 0 -")).toBe("0100000000");
    expect(err(T.NSEC3, "1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr= A").code).toBe(D.BAD_RDATA);
    expect(err(T.NSEC3PARAM, "1 0 0 abc").code).toBe(D.BAD_RDATA);
  });
  it("DS digests across words, CDS/CDNSKEY delete forms (RFC 8078 §4)", () => {
    expect(wire(T.DS, "60485 5 1 ( 2BB183AF5F22588179A53B0A 98631FAD1A292118 )")).toBe(
      "ec4505012bb183af5f22588179a53b0a98631fad1a292118",
    );
    expect(wire(T.CDS, "0 0 0 0")).toBe("00000000");
    expect(wire(T.CDNSKEY, "0 3 0 0")).toBe("00000300");
    expect(roundTrip(T.CDS, "0 0 0 0")).toBe("0 0 0 0");
    expect(err(T.DS, "60485 5 1 2BB")).toEqual({ code: D.BAD_RDATA, token: 3 });
    expect(err(T.DNSKEY, "256 3 8 AwEAA=")).toEqual({ code: D.BAD_RDATA, token: 3 });
  });
});

describe("CAA, CERT, NAPTR, URI", () => {
  it("CAA tag and value", () => {
    expect(wire(T.CAA, '0 issue "ca.example.net; account=230123"')).toBe(
      "0005697373756563612e6578616d706c652e6e65743b206163636f756e743d323330313233",
    );
    expect(wire(T.CAA, '128 tbs ""')).toBe("8003746273");
    expect(roundTrip(T.CAA, '0 iodef "mailto:security@example.com"')).toBe('0 iodef "mailto:security@example.com"');
    expect(err(T.CAA, '0 is-sue "x"')).toEqual({ code: D.BAD_RDATA, token: 1 });
    expect(err(T.CAA, "0 issue").code).toBe(D.UNEXPECTED_END);
  });
  it("CERT mnemonics", () => {
    expect(wire(T.CERT, "PKIX 65535 RSASHA256 Zm9vYmFy")).toBe("0001ffff08666f6f626172");
    expect(wire(T.CERT, "1 65535 8 Zm9vYmFy")).toBe("0001ffff08666f6f626172");
    expect(err(T.CERT, "BOGUS 1 8 Zm9v").code).toBe(D.BAD_RDATA);
  });
  it("NAPTR strings and lowercased replacement", () => {
    expect(roundTrip(T.NAPTR, '100 10 "S" "SIP+D2U" "!^.*$!sip:info@example.com!" _SIP._udp.Example.com.')).toBe(
      '100 10 "S" "SIP+D2U" "!^.*$!sip:info@example.com!" _sip._udp.example.com.',
    );
  });
  it("URI target without length prefix", () => {
    expect(wire(T.URI, '10 1 "ftp://a/"')).toBe("000a0001" + "6674703a2f2f612f");
    expect(wire(T.URI, '10 1 ""')).toBe("000a0001");
  });
});

describe("SVCB/HTTPS escaping and rules", () => {
  it("alpn with escaped comma and backslash (RFC 9460 Appendix D.2 figure 10)", () => {
    const a = wire(T.SVCB, '16 foo.example.org. alpn="f\\\\\\\\oo\\\\,bar,h2"');
    const b = wire(T.SVCB, "16 foo.example.org. alpn=f\\\\\\092oo\\092,bar,h2");
    expect(a).toBe(b);
    expect(a).toContain("0001000c" + "08" + Buffer.from("f\\oo,bar").toString("hex") + "026832");
    expect(rdataToText(T.SVCB, bytes(a))).toBe('16 foo.example.org. alpn="f\\\\\\\\oo\\\\,bar,h2"');
  });
  it("sorts keys, sorts mandatory, keeps tls group order", () => {
    const w = wire(T.SVCB, "1 . ipv4hint=192.0.2.1 mandatory=ipv4hint,alpn alpn=h2 tls-supported-groups=29,23");
    expect(w).toBe(
      "0001" + "00" + "000000040001" + "0004" + "000100030268" + "32" + "00040004c0000201" + "00090004001d0017",
    );
    expect(rdataToText(T.SVCB, bytes(w))).toBe(
      '1 . mandatory=alpn,ipv4hint alpn="h2" ipv4hint=192.0.2.1 tls-supported-groups=29,23',
    );
  });
  it("applies the mandatory and self-consistency rules", () => {
    // Automatically mandatory keys in the list are only a SHOULD NOT (RFC 9460 §8): accepted for both types.
    expect(wire(T.HTTPS, "1 . alpn=h2 port=443 mandatory=port")).toBe(
      "000100" + "000000020003" + "000100030268" + "32" + "0003000201bb",
    );
    expect(wire(T.SVCB, "1 . alpn=h2 port=443 mandatory=port")).toContain("00000002");
    // no-default-alpn without alpn is not self-consistent (RFC 9460 §7.1.1, §2.4.3), whatever the type.
    expect(err(T.HTTPS, "1 . no-default-alpn").code).toBe(D.BAD_SVC_PARAM);
    expect(err(T.SVCB, "1 . no-default-alpn").code).toBe(D.BAD_SVC_PARAM);
    expect(wire(T.SVCB, "1 . alpn=dot no-default-alpn")).toBe("000100" + "0001000403646f74" + "00020000");
    expect(wire(T.SVCB, "1 . key65535=x")).toBe("000100ffff000178");
    expect(err(T.SVCB, "1 . PORT=53").code).toBe(D.BAD_RDATA);
    expect(err(T.SVCB, "1 . alpn=a\\\\b").code).toBe(D.BAD_RDATA);
    expect(err(T.SVCB, "1 . ohttp=").code).toBe(D.BAD_SVC_PARAM);
    expect(err(T.SVCB, "1 . bogus=1").code).toBe(D.BAD_RDATA);
    expect(err(T.SVCB, "1 . ipv4hint=192.0.2.1 ipv4hint=192.0.2.2")).toEqual({ code: D.BAD_SVC_PARAM, token: 3 });
    // wire with keys out of order is not valid generic RDATA
    expect(err(T.SVCB, "\\# 11 0001 00 0003 0002 0035 0001 0000").code).toBe(D.BAD_GENERIC_RDATA);
  });
  it("dohpath, ech, ohttp and generic keys round-trip", () => {
    const t = '1 doh.example. alpn="h2,h3" ech=AEX+DQ== dohpath="/dns-query{?dns}" ohttp key65000="a\\\\b\\"c"';
    expect(roundTrip(T.HTTPS, t)).toBe(t);
    expect(roundTrip(T.SVCB, "0 alias.example.")).toBe("0 alias.example.");
  });
});

describe("other families", () => {
  it("WKS services by name and number", () => {
    expect(wire(T.WKS, "192.0.2.1 TCP smtp 80 domain")).toBe("c0000201060000004000000400000080"); // = dnspython
    expect(roundTrip(T.WKS, "192.0.2.1 udp 53")).toBe("192.0.2.1 udp 53");
  });
  it("EUI48/EUI64 are strict", () => {
    expect(wire(T.EUI48, "00-00-5e-00-53-2A")).toBe("00005e00532a");
    expect(err(T.EUI48, "00:00:5e:00:53:2a").code).toBe(D.BAD_RDATA);
    expect(err(T.EUI64, "00-00-5e-00-53-2a").code).toBe(D.BAD_RDATA);
    expect(roundTrip(T.EUI64, "00-00-5e-ef-10-00-00-2a")).toBe("00-00-5e-ef-10-00-00-2a");
  });
  it("AMTRELAY relay types (RFC 8777)", () => {
    expect(wire(T.AMTRELAY, "128 1 3 amtrelays.example.com.")).toBe("8083" + hex(name("amtrelays.example.com.")));
    expect(roundTrip(T.AMTRELAY, "200 0 0 .")).toBe("200 0 0 .");
    expect(err(T.AMTRELAY, "10 2 0 .").code).toBe(D.NUMBER_OVERFLOW);
  });
  it("PowerDNS ALIAS and LUA", () => {
    expect(wire(T.ALIAS, "Target.Example.")).toBe(hex(name("Target.Example.")));
    expect(wire(T.LUA, "A \"ifportup(443, {'192.0.2.1'})\"")).toBe(
      "0001" + Buffer.from("ifportup(443, {'192.0.2.1'})", "latin1").toString("hex"),
    );
    expect(roundTrip(T.LUA, 'TXT "os.date()"')).toBe('TXT "os.date()"');
  });
  it("HIP with rendezvous servers (RFC 8005 §6)", () => {
    const t =
      "2 200100107B1A74DF365639CC39F1D578 AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D rvs1.example.com. rvs2.example.com.";
    expect(roundTrip(T.HIP, t)).toBe(t);
  });
});
