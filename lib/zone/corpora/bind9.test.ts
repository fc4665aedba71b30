/** BIND 9 master-file loader inputs (corpora/bind9/master, origin "test."): success/failure per README.txt. */
import { expect, it } from "vitest";
import { nameToText } from "../name";
import { corpus, describeCorpus, errors, listCorpus, parseFile, readLatin1 } from "./helpers";
import { DIAGNOSTIC_CODES as D } from "../diagnostics";

// file -> expected error codes of ours ([] = loads), from BIND's expected return codes.
const MASTER: [string, string[]][] = [
  ["master1.data", []], // SUCCESS
  ["master2.data", [D.UNEXPECTED_END]], // UNEXPECTEDEND ("a in ns" without rdata)
  // DNS_R_NOOWNER: BIND stops at the first; we report each of the 3 blank-owner records before the first owner.
  ["master3.data", [D.NO_OWNER, D.NO_OWNER, D.NO_OWNER]],
  ["master4.data", []], // SUCCESS, TTL from SOA minimum with a warning
  ["master5.data", [D.BAD_CLASS]], // DNS_R_BADCLASS (class ANY)
  ["master10.data", []], // SUCCESS
  ["master11.data", []], // SUCCESS (serial 00090000 decimal)
  ["master16.data", []], // SUCCESS (rdata exactly 65535 octets)
  ["master17.data", []], // SUCCESS + inherited-owner warning
];

describeCorpus("BIND 9 master loader corpus", () => {
  it.each(MASTER)("%s", (file, expected) => {
    const r = parseFile(corpus("bind9", "master", file), "test.");
    expect(errors(r).map((d) => d.code)).toEqual(expected);
  });

  it("master4: no $TTL -> SOA MINIMUM with a ttl-defaulted warning", () => {
    const r = parseFile(corpus("bind9", "master", "master4.data"), "test.");
    expect(r.diagnostics.map((d) => d.code)).toContain(D.TTL_DEFAULTED);
    expect(r.records.length).toBeGreaterThan(0);
  });

  it("master17: blank owner after $ORIGIN warns inherited-owner", () => {
    const r = parseFile(corpus("bind9", "master", "master17.data"), "test.");
    expect(r.diagnostics.map((d) => d.code)).toContain(D.INHERITED_OWNER);
  });

  it("master8 ($INCLUDE master6.data) loads through the resolver", () => {
    // BIND's test runs from tests/dns, so the path is "testdata/master/master6.data": map it to this folder.
    const r = parseFile(corpus("bind9", "master", "master8.data"), "test.", {
      include: (p) => {
        const file = corpus("bind9", "master", p.replace(/^testdata\/master\//, ""));
        return { file, text: readLatin1(file) };
      },
    });
    // master6's DNSKEY symbolic flags (FLAG2|…) are the rdata codecs' matter; the include itself must work.
    expect(errors(r).filter((d) => d.code.startsWith("include"))).toEqual([]);
    expect(r.records.filter((x) => x.file.endsWith("master6.data")).length).toBeGreaterThan(0);
  });

  it("master15/16: TXT RDATA sizes at BIND's 64 KiB buffer edge are within RDLENGTH (quirks.md §rdata)", () => {
    // BIND counts its whole 64 KiB record buffer, so master15 fails there; the RDATA itself is 65513 octets,
    // legal under RFC 1035 §3.2.1 (16-bit RDLENGTH), so we keep it.
    const sizes = ["master15.data", "master16.data"].map((f) => {
      const r = parseFile(corpus("bind9", "master", f), "test.");
      expect(errors(r)).toEqual([]);
      return r.records.filter((x) => x.type === 16).map((x) => x.rdata.length);
    });
    expect(sizes).toEqual([[65513], [65512]]);
  });
});

/**
 * BIND system-test zones (corpora/bind9/checkzone, README.txt): bad-*.db must
 * fail named-checkzone, good-*.db must load. Origin "example." as tests.sh
 * uses, except where the README names another.
 */
const CHECKZONE = corpus("bind9", "checkzone");
const ORIGINS: Record<string, string> = {
  "good-dns-sd-reverse.db": "0.0.0.0.in-addr.arpa.",
  "good-rpz-prefix.db": "db.",
};

function checkzone(file: string) {
  return parseFile(`${CHECKZONE}/${file}`, ORIGINS[file] ?? "example.", {
    // tests.sh runs from the system-test directory, so includes say "zones/<file>".
    include: (p) => {
      const full = `${CHECKZONE}/${p.replace(/^zones\//, "")}`;
      try {
        return { file: full, text: readLatin1(full) };
      } catch {
        return null;
      }
    },
  });
}

/** bad-*.db that BIND rejects for a syntax or record-level problem the parser detects: the code we must report. */
function badCode(file: string): string | undefined {
  if (file.startsWith("bad-cname-and-")) return D.CNAME_AND_OTHER;
  if (/^bad-(eui48|eui64|nsap|svcb-alpn)\w*|^bad-(svcb|unspec)\.db/.test(file)) return D.BAD_RDATA;
  if (/^bad-generate-(garbage|missing-brace|range)|^bad[234]\.db/.test(file)) return D.BAD_GENERATE;
  const fixed: Record<string, string> = {
    "bad-caa-rr.db": D.BAD_CHARACTER, // fuzzed bytes: raw control characters
    "bad1.db": D.BAD_CHARACTER, // "extra input text": a raw control byte in the record
    "bad-dhcid.db": D.UNEXPECTED_END,
    "bad-eid.db": D.UNEXPECTED_END,
    "badttl.db": D.UNEXPECTED_END, // "$TTL" without a value
    "bad-generate-tkey.db": D.META_TYPE,
    "bad-tkey.db": D.META_TYPE,
    "bad-include-directory.db": D.INCLUDE_NOT_FOUND, // $INCLUDE of "." and "..": directories, not files
    "bad-svcb-mandatory.db": D.BAD_SVC_PARAM,
  };
  return fixed[file];
}

/**
 * bad-*.db that BIND rejects for zone semantics the parser does not check:
 * they belong to the check catalogue (lib/checks), so the parser loads them.
 */
const SEMANTIC: Record<string, string> = {
  "bad-_dns-svcb1.db": "RFC 9461 _dns SVCB rules (alpn required, dohpath with {?dns}): a DoH-mapping check, not syntax",
  "bad-_dns-svcb2.db": "RFC 9461 _dns SVCB rules: DoH-mapping check",
  "bad-_dns-svcb3.db": "RFC 9461 _dns SVCB rules: DoH-mapping check",
  "bad-_dns-svcb4.db": "RFC 9461 _dns SVCB rules: DoH-mapping check",
  "bad-_dns-svcb5.db": "RFC 9461 _dns SVCB rules: DoH-mapping check",
  "bad-_dns-svcb6.db": "RFC 9461 _dns SVCB rules: DoH-mapping check",
  "bad-cdnskey.db": "CDS/CDNSKEY must match a DNSKEY of the zone (RFC 7344 §4.1): DNSSEC consistency",
  "bad-cds.db": "CDS/CDNSKEY must match a DNSKEY of the zone (RFC 7344 §4.1): DNSSEC consistency",
  "bad-ds.db": "DS at the zone apex (RFC 4035 §2.4: DS belongs in the parent): zone structure",
  "bad-ds-2.db": "DS not at a delegation point (RFC 4035 §2.4): zone structure",
  "bad-dns-sd-reverse.db": "host-name rules (BIND check-names); RFC 2181 §11 allows any octet (quirks.md §name-chars)",
  "bad-nsec3owner-padded.db": "check-names on an NSEC3 owner label with '=': host-name rules (quirks.md §name-chars)",
  "bad-svcb-servername.db": "check-names on an SVCB target with '_': host-name rules (quirks.md §name-chars)",
  "bad-nsec3-length.db":
    "next hashed owner of 14 octets with SHA-1 (20): hash length vs algorithm is DNSSEC consistency (RFC 5155 §5)",
  "bad-rpz-prefix.db": "RPZ trigger-name encoding (BIND response-policy zones), not DNS data rules",
};

/** bad-*.db where the parser deliberately differs from BIND (a quirks.md decision). */
const DIFFERS: Record<string, string> = {
  "bad-nsec3-padded.db":
    "base32hex with '=' padding is accepted like Knot; RFC 5155 §3.3 writes it unpadded (quirks.md §base32hex)",
};

/** bad-*.db rejected, but through another record-level error (the file still fails, for our reason). */
const OTHER_REASON: Record<string, [string, string]> = {
  "bad-cname-and-atma.db": [
    D.BAD_RDATA,
    "ATMA has no text codec here (write it as \\# RFC 3597), so the ATMA record is rejected before the CNAME check",
  ],
  "bad-cname-and-sink.db": [
    D.BAD_RDATA,
    "SINK (expired draft): BIND reads meaning/coding/subcoding, our codec simdzone's coding/subcoding, so '8 0 2 l4ik' is bad base64",
  ],
};

const BAD = listCorpus("bind9", "checkzone")
  .filter((f) => f.startsWith("bad") && f.endsWith(".db"))
  .sort();

describeCorpus("BIND checkzone corpus: bad-*.db", () => {
  it("classifies every bad-*.db file", () => {
    // 119 text zones; bad-badclass.raw (BIND raw format) and bad-tsig.db.j2 (a template) are not master files.
    expect(BAD.length).toBe(119);
    const unclassified = BAD.filter((f) => !badCode(f) && !SEMANTIC[f] && !DIFFERS[f] && !OTHER_REASON[f]);
    expect(unclassified).toEqual([]);
  });

  it.each(BAD.filter((f) => badCode(f) && !OTHER_REASON[f]))(
    "%s is rejected for the same kind of error as BIND",
    (f) => {
      expect(errors(checkzone(f)).map((d) => d.code)).toContain(badCode(f));
    },
  );

  it.each(Object.entries(OTHER_REASON))("%s is rejected (%s)", (f, [code]) => {
    expect(errors(checkzone(f)).map((d) => d.code)).toContain(code);
  });

  it.each(Object.keys({ ...SEMANTIC, ...DIFFERS }))("%s loads: BIND's reason is not the parser's (see table)", (f) => {
    const r = checkzone(f);
    expect(errors(r).map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([]);
    expect(r.records.length).toBeGreaterThan(2);
  });
});

describeCorpus("BIND checkzone corpus: the other zones", () => {
  const GOOD = listCorpus("bind9", "checkzone")
    .filter((f) => f.endsWith(".db") && !f.startsWith("bad"))
    .sort();
  /** Zones that do not load, with why (BIND does not load them either). */
  const FAILS: Record<string, string> = {
    "inherit.db":
      "starts with a blank owner: no-owner (BIND: 'no current owner name'); it is only $INCLUDEd by warn.inherit*.db",
    "crashzone.db":
      "crash regression input: its RRSIG expiration 00100227180048 (year 10) is not a 1970-based time (RFC 4034 §3.2)",
  };

  it.each(GOOD.filter((f) => !FAILS[f]))("%s loads without errors", (f) => {
    const r = checkzone(f);
    expect(errors(r).map((d) => `${d.file.split("/").pop()}:${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([]);
    expect(r.records.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(FAILS))("%s is rejected (%s)", (f) => {
    expect(errors(checkzone(f)).length).toBeGreaterThan(0);
  });

  it("good-generate-modifier: negative ${offset} in nibble mode is BIND's 32-bit two's complement", () => {
    const r = checkzone("good-generate-modifier.db");
    const aaaa = r.records.filter((x) => x.type === 28).map((x) => nameToText(x.owner));
    expect(aaaa).toContain("0.3.c.f.f.f.f.f.example.");
  });
});
