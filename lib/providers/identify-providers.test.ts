import { describe, expect, test } from "vitest";
import { identifyProviders } from "./identify-providers";
import { nonPortableAdvice } from "./non-portable";

const ids = (owner: string, type: string, value: string) =>
  identifyProviders({ owner, type, value }).map((m) => `${m.provider}/${m.role}`);

describe("identifyProviders", () => {
  test.each([
    ["p.test.", "NS", "amy.ns.cloudflare.com.", ["cloudflare/dns-hosting"]],
    ["release.p.test.", "NS", "ns-101.awsdns-12.com.", ["route53/dns-hosting"]],
    ["release.p.test.", "NS", "NS-1801.AWSDNS-33.CO.UK.", ["route53/dns-hosting"]],
    ["p.test.", "NS", "ns1-05.azure-dns.com.", ["azure/dns-hosting"]],
    ["p.test.", "NS", "ns-cloud-a1.googledomains.com.", ["google/dns-hosting"]],
    [
      "p.test.",
      "SOA",
      "ns-101.awsdns-12.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400",
      ["route53/dns-hosting"],
    ],
    ["www.p.test.", "CNAME", "project-test.cdn.cloudflare.net.", ["cloudflare/cdn"]],
    ["cdn.p.test.", "CNAME", "d3abcdexample.cloudfront.net.", ["cloudfront/cdn"]],
    ["api.p.test.", "CNAME", "dualstack.lb-1.us-east-1.elb.amazonaws.com.", ["elb/load-balancer"]],
    ["s.p.test.", "CNAME", "s.p.test.s3-website-us-east-1.amazonaws.com.", ["s3-website/storage"]],
    ["s.p.test.", "CNAME", "s.p.test.s3-website.eu-central-1.amazonaws.com.", ["s3-website/storage"]],
    ["app.p.test.", "CNAME", "myapp.azurewebsites.net.", ["azure/web-hosting"]],
    ["g.p.test.", "CNAME", "ghs.googlehosted.com.", ["google/web-hosting"]],
    ["f.p.test.", "CNAME", "p.global.ssl.fastly.net.", ["fastly/cdn"]],
    ["docs.p.test.", "CNAME", "project.github.io.", ["github-pages/web-hosting"]],
    ["p.test.", "A", "185.199.110.153", ["github-pages/web-hosting"]],
    ["n.p.test.", "CNAME", "site.netlify.app.", ["netlify/web-hosting"]],
    ["v.p.test.", "CNAME", "cname.vercel-dns.com.", ["vercel/web-hosting"]],
    ["p.test.", "A", "76.76.21.21", ["vercel/web-hosting"]],
    ["p.test.", "MX", "13 route1.mx.cloudflare.net.", ["cloudflare/mail"]],
    ["p.test.", "TXT", '"v=spf1 include:_spf.mx.cloudflare.net ~all"', ["cloudflare/spf"]],
    ["cf2024-1._domainkey.p.test.", "TXT", '"v=DKIM1; p=abc"', ["cloudflare/dkim"]],
    ["p.test.", "ALIAS", "webapp.cloudfront.net.", ["cloudfront/cdn"]],
  ])("%s %s %s", (owner, type, value, expected) => {
    expect(ids(owner, type, value)).toEqual(expected);
  });

  test("look-alike names do not match (patterns are anchored)", () => {
    expect(ids("x.p.test.", "CNAME", "evilcloudfront.net.")).toEqual([]);
    expect(ids("x.p.test.", "CNAME", "cloudfront.net.evil.test.")).toEqual([]);
    expect(ids("x.p.test.", "NS", "ns1.oldhost.test.")).toEqual([]);
    expect(ids("x.p.test.", "A", "192.0.2.1")).toEqual([]);
  });

  test("replacement text names the record", () => {
    const [m] = identifyProviders({ owner: "www.p.test", type: "CNAME", value: "project-test.cdn.cloudflare.net." });
    expect(m.replacement).toContain("`www.p.test. CNAME project-test.cdn.cloudflare.net.`");
    expect(m.evidence).toBe("cname-target project-test.cdn.cloudflare.net. ends in .cdn.cloudflare.net.");
  });
});

describe("nonPortableAdvice", () => {
  test("an alias at the apex needs flattening; below it a CNAME does", () => {
    const apex = nonPortableAdvice({
      kind: "alias",
      owner: "p.test.",
      type: "A",
      value: "d1.cloudfront.net.",
      apex: true,
    });
    expect(apex.reason).toContain("CloudFront");
    expect(apex.replacement).toContain("ALIAS/ANAME/CNAME-flattening");
    const www = nonPortableAdvice({
      kind: "alias",
      owner: "www.p.test.",
      type: "A",
      value: "d1.cloudfront.net.",
      apex: false,
    });
    expect(www.replacement).toBe("Publish `www.p.test. 300 IN CNAME d1.cloudfront.net.` at the new operator.");
  });

  test("every documented kind has specific advice", () => {
    for (const kind of [
      "alias",
      "routing-policy",
      "proxied",
      "flattened",
      "auto-ttl",
      "alias-type",
      "lua",
      "url-forward",
    ]) {
      const a = nonPortableAdvice({ kind, owner: "x.p.test.", type: "A", value: "v", apex: false });
      expect(a.reason, kind).not.toMatch(/^Provider-specific/);
    }
    expect(nonPortableAdvice({ kind: "mystery", owner: "x.", type: "A", value: "v", apex: false }).reason).toMatch(
      /^Provider-specific/,
    );
  });
});
