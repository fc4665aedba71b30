/**
 * Fingerprint table. Each rule names a provider, the record part it looks at
 * and a pattern on that part (lowercase, absolute, trailing dot). Patterns are
 * anchored so "evilcloudfront.net." never matches ".cloudfront.net.".
 */
import type { ProviderId, ProviderRole } from "./types";

export type Field =
  "ns-target" | "cname-target" | "mx-target" | "soa-rname" | "soa-mname" | "address" | "owner" | "txt";

export interface Fingerprint {
  provider: ProviderId;
  label: string;
  role: ProviderRole;
  field: Field;
  pattern: RegExp;
  /** Shown as evidence: "<field> <describe>". */
  describe: string;
  /** Concrete replacement; {owner} {value} {target} are substituted. */
  replacement: string;
}

const KEEP_CNAME =
  "Copy `{owner} CNAME {target}` to the new operator unchanged; the service stays at the provider, only the zone moves. Check the provider still validates the hostname (custom-domain/TLS settings) after the move.";

export const FINGERPRINTS: readonly Fingerprint[] = [
  // --- DNS hosting (NS / SOA) ---------------------------------------------
  {
    provider: "cloudflare",
    label: "Cloudflare DNS",
    role: "dns-hosting",
    field: "ns-target",
    pattern: /\.ns\.cloudflare\.com\.$/,
    describe: "ends in .ns.cloudflare.com.",
    replacement:
      "Replace with the new operator's name servers; Cloudflare stops answering once the zone is removed from the account.",
  },
  {
    provider: "cloudflare",
    label: "Cloudflare DNS",
    role: "dns-hosting",
    field: "soa-rname",
    pattern: /^dns\.cloudflare\.com\.$/,
    describe: "is dns.cloudflare.com.",
    replacement: "The new operator writes its own SOA (MNAME, RNAME, serial); do not copy Cloudflare's.",
  },
  {
    provider: "route53",
    label: "Amazon Route 53",
    role: "dns-hosting",
    field: "ns-target",
    pattern: /^ns-\d+\.awsdns-\d+\.(com|net|org|co\.uk)\.$/,
    describe: "is an awsdns-NN name server",
    replacement:
      "At the apex: replace with the new operator's name servers. Below the apex this is a subzone delegated to Route 53: copy the NS set unchanged so the subzone keeps working, or move the subzone too.",
  },
  {
    provider: "route53",
    label: "Amazon Route 53",
    role: "dns-hosting",
    field: "soa-rname",
    pattern: /^awsdns-hostmaster\.amazon\.com\.$/,
    describe: "is awsdns-hostmaster.amazon.com.",
    replacement: "The new operator writes its own SOA; do not copy Route 53's.",
  },
  {
    provider: "azure",
    label: "Azure DNS",
    role: "dns-hosting",
    field: "ns-target",
    pattern: /^ns\d-\d+\.azure-dns\.(com|net|org|info)\.$/,
    describe: "is an azure-dns name server",
    replacement:
      "At the apex: replace with the new operator's name servers. Below the apex: keep the delegation to Azure DNS unchanged.",
  },
  {
    provider: "google",
    label: "Google Cloud DNS",
    role: "dns-hosting",
    field: "ns-target",
    pattern: /^ns-cloud-[a-e]\d\.googledomains\.com\.$/,
    describe: "is a ns-cloud-*.googledomains.com name server",
    replacement:
      "At the apex: replace with the new operator's name servers. Below the apex: keep the delegation to Google Cloud DNS unchanged.",
  },
  {
    provider: "vercel",
    label: "Vercel DNS",
    role: "dns-hosting",
    field: "ns-target",
    pattern: /^ns\d\.vercel-dns\.com\.$/,
    describe: "is a vercel-dns name server",
    replacement:
      "At the apex: replace with the new operator's name servers and recreate the Vercel records (CNAME cname.vercel-dns.com. / A 76.76.21.21).",
  },
  {
    provider: "netlify",
    label: "Netlify DNS (NS1)",
    role: "dns-hosting",
    field: "ns-target",
    pattern: /^dns\d\.p\d\d\.nsone\.net\.$/,
    describe: "is an NS1 (Netlify DNS) name server",
    replacement:
      "At the apex: replace with the new operator's name servers and recreate the Netlify records (CNAME <site>.netlify.app.).",
  },
  // --- CDN / hosting targets ---------------------------------------------
  {
    provider: "cloudflare",
    label: "Cloudflare CDN",
    role: "cdn",
    field: "cname-target",
    pattern: /\.cdn\.cloudflare\.net\.$/,
    describe: "ends in .cdn.cloudflare.net.",
    replacement:
      "This name is served through Cloudflare (partial/CNAME setup): copy `{owner} CNAME {target}` unchanged and keep the Cloudflare hostname configured, or point it at the origin/another CDN. It is easy to miss in a registrar export.",
  },
  {
    provider: "cloudfront",
    label: "Amazon CloudFront",
    role: "cdn",
    field: "cname-target",
    pattern: /\.cloudfront\.net\.$/,
    describe: "ends in .cloudfront.net.",
    replacement:
      KEEP_CNAME +
      " At the apex use an ALIAS/ANAME/flattening feature instead (no CNAME at the apex, RFC 1034 §3.6.2).",
  },
  {
    provider: "elb",
    label: "AWS Elastic Load Balancing",
    role: "load-balancer",
    field: "cname-target",
    pattern: /\.elb\.amazonaws\.com\.$/,
    describe: "ends in .elb.amazonaws.com.",
    replacement: KEEP_CNAME + " Never copy the load balancer's current addresses as A records: they change.",
  },
  {
    provider: "s3-website",
    label: "Amazon S3 website endpoint",
    role: "storage",
    field: "cname-target",
    pattern: /\.s3-website[.-][a-z0-9-]+\.amazonaws\.com\.$/,
    describe: "is an S3 website endpoint",
    replacement: KEEP_CNAME + " The bucket name must equal {owner} without the trailing dot.",
  },
  {
    provider: "azure",
    label: "Microsoft Azure",
    role: "web-hosting",
    field: "cname-target",
    pattern:
      /\.(azurewebsites\.net|cloudapp\.azure\.com|cloudapp\.net|trafficmanager\.net|azureedge\.net|azurefd\.net|blob\.core\.windows\.net|web\.core\.windows\.net|azurestaticapps\.net)\.$/,
    describe: "is an Azure endpoint",
    replacement: KEEP_CNAME + " Azure custom-domain verification may also need an `asuid.` TXT record: copy it too.",
  },
  {
    provider: "google",
    label: "Google hosting",
    role: "web-hosting",
    field: "cname-target",
    pattern: /(^ghs\.googlehosted\.com\.$|\.appspot\.com\.$|\.run\.app\.$|^c\.storage\.googleapis\.com\.$)/,
    describe: "is a Google-hosted endpoint",
    replacement: KEEP_CNAME,
  },
  {
    provider: "fastly",
    label: "Fastly",
    role: "cdn",
    field: "cname-target",
    pattern: /\.(fastly\.net|fastlylb\.net)\.$/,
    describe: "ends in .fastly.net./.fastlylb.net.",
    replacement: KEEP_CNAME,
  },
  {
    provider: "fastly",
    label: "Fastly",
    role: "cdn",
    field: "address",
    pattern: /^151\.101\.\d+\.\d+$/,
    describe: "is in Fastly's 151.101.0.0/16",
    replacement:
      "Copy the address unchanged, but prefer a CNAME to the Fastly hostname below the apex: anycast addresses are Fastly's to change.",
  },
  {
    provider: "github-pages",
    label: "GitHub Pages",
    role: "web-hosting",
    field: "cname-target",
    pattern: /\.github\.io\.$/,
    describe: "ends in .github.io.",
    replacement: KEEP_CNAME,
  },
  {
    provider: "github-pages",
    label: "GitHub Pages",
    role: "web-hosting",
    field: "address",
    pattern: /^185\.199\.(108|109|110|111)\.153$/,
    describe: "is a GitHub Pages address",
    replacement: "Copy all four GitHub Pages A records (185.199.108-111.153) unchanged.",
  },
  {
    provider: "netlify",
    label: "Netlify",
    role: "web-hosting",
    field: "cname-target",
    pattern: /\.(netlify\.app|netlify\.com)\.$/,
    describe: "ends in .netlify.app.",
    replacement: KEEP_CNAME,
  },
  {
    provider: "netlify",
    label: "Netlify",
    role: "web-hosting",
    field: "address",
    pattern: /^75\.2\.60\.5$/,
    describe: "is Netlify's load balancer address",
    replacement: "Copy unchanged (apex), or use a CNAME to <site>.netlify.app. below the apex.",
  },
  {
    provider: "vercel",
    label: "Vercel",
    role: "web-hosting",
    field: "cname-target",
    pattern: /(\.vercel-dns\.com\.$|\.vercel\.app\.$)/,
    describe: "is a Vercel hostname",
    replacement: KEEP_CNAME,
  },
  {
    provider: "vercel",
    label: "Vercel",
    role: "web-hosting",
    field: "address",
    pattern: /^76\.76\.21\.\d+$/,
    describe: "is a Vercel anycast address",
    replacement: "Copy unchanged (apex), or use a CNAME to cname.vercel-dns.com. below the apex.",
  },
  {
    provider: "akamai",
    label: "Akamai",
    role: "cdn",
    field: "cname-target",
    pattern: /\.(edgekey\.net|edgesuite\.net|akamaiedge\.net|akamaized\.net)\.$/,
    describe: "is an Akamai edge hostname",
    replacement: KEEP_CNAME,
  },
  {
    provider: "heroku",
    label: "Heroku",
    role: "web-hosting",
    field: "cname-target",
    pattern: /\.herokudns\.com\.$/,
    describe: "ends in .herokudns.com.",
    replacement: KEEP_CNAME,
  },
  // --- mail ---------------------------------------------------------------
  {
    provider: "cloudflare",
    label: "Cloudflare Email Routing",
    role: "mail",
    field: "mx-target",
    pattern: /^route\d+\.mx\.cloudflare\.net\.$/,
    describe: "is a Cloudflare Email Routing MX",
    replacement:
      "Cloudflare injected this MX for Email Routing, which only works while the zone is on Cloudflare: set up mail forwarding/hosting at the new provider and publish its MX instead, or mail stops.",
  },
  {
    provider: "cloudflare",
    label: "Cloudflare Email Routing",
    role: "spf",
    field: "txt",
    pattern: /include:_spf\.mx\.cloudflare\.net/,
    describe: "SPF includes _spf.mx.cloudflare.net",
    replacement:
      "Replace the Cloudflare include with the new mail provider's SPF include when Email Routing is replaced.",
  },
  {
    provider: "cloudflare",
    label: "Cloudflare Email Routing",
    role: "dkim",
    field: "owner",
    pattern: /^cf2024-\d+\._domainkey\./,
    describe: "is Cloudflare's Email Routing DKIM selector",
    replacement:
      "Cloudflare's DKIM key signs forwarded mail only while Email Routing runs; publish the new mail provider's DKIM selector instead.",
  },
  {
    provider: "google",
    label: "Google Workspace",
    role: "mail",
    field: "mx-target",
    pattern: /(\.google\.com\.$|\.googlemail\.com\.$)/,
    describe: "is a Google mail server",
    replacement: "Copy the MX set unchanged; mail stays at Google.",
  },
  {
    provider: "microsoft-365",
    label: "Microsoft 365",
    role: "mail",
    field: "mx-target",
    pattern: /\.mail\.protection\.outlook\.com\.$/,
    describe: "is a Microsoft 365 mail server",
    replacement: "Copy the MX set unchanged plus the autodiscover CNAME and SPF include; mail stays at Microsoft.",
  },
];
