/** Providers Cutover recognises by fingerprint (NS names, SOA, CNAME/MX targets, addresses). */
export type ProviderId =
  | "cloudflare"
  | "route53"
  | "cloudfront"
  | "elb"
  | "s3-website"
  | "azure"
  | "google"
  | "fastly"
  | "github-pages"
  | "netlify"
  | "vercel"
  | "akamai"
  | "heroku"
  | "microsoft-365";

/** What the record relies on the provider for. */
export type ProviderRole =
  "dns-hosting" | "cdn" | "load-balancer" | "web-hosting" | "storage" | "mail" | "dkim" | "spf";

export interface ProviderMatch {
  provider: ProviderId;
  /** Human name ("Amazon CloudFront"). */
  label: string;
  role: ProviderRole;
  /** What matched, e.g. `CNAME target ends in .cloudfront.net.` */
  evidence: string;
  /** What the move means for this record and what to do (concrete replacement text). */
  replacement: string;
}

/** A record to fingerprint, in presentation form (names absolute, lowercase or not). */
export interface RecordView {
  owner: string;
  type: string;
  value: string;
}
