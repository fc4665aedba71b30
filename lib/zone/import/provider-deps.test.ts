/**
 * findProviderDependencies skips identifyProviders for records whose value
 * field cannot match (a speed-up for 1M-record imports): it must give exactly
 * what calling identifyProviders on every record gives.
 */
import { describe, expect, it } from "vitest";
import { parseZone } from "../parse";
import { name, nameToText } from "../name";
import { rdataToText } from "../rdata";
import { typeToText } from "../rrtype";
import { identifyProviders } from "../../providers/identify-providers";
import type { ZoneRecord } from "../types";
import { findProviderDependencies } from "./report";

/** The plain definition: every record, full presentation text. */
function reference(records: ZoneRecord[]) {
  const out = [];
  for (const r of records) {
    const owner = nameToText(r.owner);
    const type = typeToText(r.type);
    const value = rdataToText(r.type, r.rdata);
    const matches = identifyProviders({ owner, type, value });
    if (matches.length > 0) out.push({ owner, type, value, file: r.file, line: r.line, matches });
  }
  return out;
}

const ZONE = `$TTL 300
@ SOA ns-1.awsdns-01.com. awsdns-hostmaster.amazon.com. 1 2 3 4 5
@ NS ada.ns.cloudflare.com.
@ NS NS-12.AWSDNS-34.NET.
@ NS ns1.example.
@ A 151.101.1.195
@ A 192.0.2.1
@ AAAA 2001:db8::1
@ MX 1 ASPMX.L.GOOGLE.COM.
@ MX 10 route1.mx.cloudflare.net.
@ MX 20 mail.example.
@ TXT "v=spf1 include:_spf.mx.cloudflare.net ~all"
@ TXT "v=spf1 -all"
www CNAME d111111abcdef8.cloudfront.net.
blog CNAME example.github.io.
docs CNAME other.example.
cf2024-1._domainkey TXT "v=DKIM1; k=rsa; p=MIIB"
cf2024-1._domainkey.sub CAA 0 issue "letsencrypt.org"
pages A 185.199.108.153
vercel A 76.76.21.21
old DNAME legacy.azurewebsites.net.
srv._tcp SRV 0 5 443 x.cloudfront.net.
`;

describe("findProviderDependencies", () => {
  it("equals identifyProviders applied to every record", () => {
    const r = parseZone(ZONE, { file: "z", origin: name("example.") });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const got = findProviderDependencies(r.records);
    const want = reference(r.records);
    expect(got).toEqual(want);
    expect(got.map((d) => `${d.owner} ${d.type}`)).toEqual([
      "example. SOA",
      "example. NS",
      "example. NS",
      "example. A",
      "example. MX",
      "example. MX",
      "example. TXT",
      "www.example. CNAME",
      "blog.example. CNAME",
      "cf2024-1._domainkey.example. TXT",
      "cf2024-1._domainkey.sub.example. CAA",
      "pages.example. A",
      "vercel.example. A",
      "old.example. DNAME",
    ]);
  });
});
