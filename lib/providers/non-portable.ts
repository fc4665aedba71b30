/**
 * Reasons and concrete replacements for provider records: records that only
 * exist inside one provider and do not survive a zone-file copy (DESIGN §4).
 */

export type NonPortableKind =
  "alias" | "routing-policy" | "proxied" | "flattened" | "auto-ttl" | "alias-type" | "lua" | "url-forward";

export interface NonPortableContext {
  kind: NonPortableKind | string;
  /** Absolute owner. */
  owner: string;
  /** Type as the provider states it. */
  type: string;
  /** Provider value (alias target, hidden origin, script…). */
  value: string;
  /** Whether owner is the zone apex (a CNAME is not allowed there, RFC 1034 §3.6.2). */
  apex: boolean;
  /** Extra words for routing policies ("Weight 90"). */
  policy?: string;
  /** Every value of a routing-policy group, to spell out the plain-RRset fallback. */
  members?: string[];
  /**
   * What the live zone answers at the owner (the old reference server), when known:
   * the reason then states what was observed instead of what a proxied record usually shows.
   */
  live?: { type: string; texts: string[] } | null;
}

export interface NonPortableAdvice {
  reason: string;
  replacement: string;
}

function aliasTargetKind(target: string): string {
  const t = target.toLowerCase();
  if (t.endsWith(".cloudfront.net.")) return "a CloudFront distribution";
  if (t.endsWith(".elb.amazonaws.com.")) return "an Elastic Load Balancer";
  if (/\.s3-website[.-]/.test(t)) return "an S3 website endpoint";
  if (t.includes(".execute-api.")) return "an API Gateway endpoint";
  return "another name";
}

/** The proxied record's reason, stating the live answer when it was seen (say what the evidence shows). */
function proxiedReason(ctx: NonPortableContext): string {
  const { owner, type, value } = ctx;
  const head = `Cloudflare-proxied in the export: ${owner} ${type} ${value} is the origin behind Cloudflare's proxy`;
  const live = ctx.live;
  if (live === undefined)
    return `${head}; a proxied name is answered with Cloudflare's anycast A/AAAA addresses, so the live zone does not show the origin.`;
  if (live === null || live.texts.length === 0)
    return `${head}; the live zone gave no ${type} answer for ${owner}, so what resolvers get today was not observed.`;
  const shown = `${owner} ${live.type} ${live.texts.join(" / ")}`;
  if (live.type === "A" || live.type === "AAAA")
    return `${head}; the live zone answers ${shown} (the proxy's addresses, not the origin).`;
  return `${head}; the live zone answers ${shown}, not the proxy's A/AAAA addresses, so the proxying itself is not visible from here.`;
}

export function nonPortableAdvice(ctx: NonPortableContext): NonPortableAdvice {
  const { owner, type, value, apex } = ctx;
  switch (ctx.kind) {
    case "alias": {
      const what = aliasTargetKind(value);
      return {
        reason: `Route 53 alias to ${what} (${value}): Route 53 answers ${type} with the target's current addresses; an alias has no TTL and is not a DNS record, so a zone-file copy loses it.`,
        replacement: apex
          ? `At the apex a CNAME is not allowed (RFC 1034 §3.6.2): use the new operator's ALIAS/ANAME/CNAME-flattening feature for ${owner} -> ${value}, or publish A/AAAA records of ${value} and keep them updated (its addresses change without notice).`
          : `Publish \`${owner} 300 IN CNAME ${value}\` at the new operator.`,
      };
    }
    case "routing-policy":
      return {
        reason: `Route 53 routing policy (${ctx.policy ?? "set identifier"}): Route 53 chooses among several answers for ${owner} ${type} per query; a zone file holds only one plain RRset.`,
        replacement: `Configure equivalent traffic steering (weighted/geo/failover with health checks) at the new operator, or publish all members as one RRset (${(ctx.members ?? [value]).join(", ")}; round robin, no weights or health checks), or keep ${owner} on Route 53 by delegating it.`,
      };
    case "proxied":
      return {
        reason: proxiedReason(ctx),
        replacement: `Publish \`${owner} ${type} ${value}\` at the new operator (exposes the origin and drops Cloudflare's proxy/WAF/cache), or a CNAME to another CDN's hostname for ${owner}, or keep the zone on Cloudflare.`,
      };
    case "flattened":
      return {
        reason: `Cloudflare CNAME flattening: ${owner} CNAME ${value} is answered as A/AAAA; a CNAME at the apex is not allowed in a zone file (RFC 1034 §3.6.2).`,
        replacement: `Use the new operator's ALIAS/ANAME/flattening feature for ${owner} -> ${value}, or publish A/AAAA records of ${value} and keep them updated.`,
      };
    case "auto-ttl":
      return {
        reason: `Cloudflare TTL 1 means "automatic" (300 s); the export does not state a real TTL.`,
        replacement: `Publish ${owner} ${type} with an explicit TTL at the new operator (300 s assumed here).`,
      };
    case "alias-type":
      return {
        reason: `PowerDNS ALIAS: the server resolves ${value} on every query and answers A/AAAA; ALIAS is not a standard type (private number 65401).`,
        replacement: apex
          ? `Use the new operator's ALIAS/ANAME/flattening feature for ${owner} -> ${value}, or publish A/AAAA records of ${value} and keep them updated.`
          : `Publish \`${owner} 300 IN CNAME ${value}\` at the new operator.`,
      };
    case "lua":
      return {
        reason: `PowerDNS LUA record: the answer for ${owner} is computed by a script (${value}) on every query.`,
        replacement: `Publish the static records the script can return (for example every address it lists) as a plain RRset, or use the new operator's health-checked failover feature to reproduce the logic.`,
      };
    case "url-forward":
      return {
        reason: `Provider URL forwarding for ${owner} is a web redirect service, not DNS data.`,
        replacement: `Point ${owner} at a redirect service (A/CNAME) at the new operator, or serve the redirect from your web server.`,
      };
    default:
      return {
        reason: `Provider-specific record (${ctx.kind}) for ${owner} ${type}.`,
        replacement: `Reproduce ${owner} ${type} ${value} with the new operator's equivalent feature.`,
      };
  }
}
