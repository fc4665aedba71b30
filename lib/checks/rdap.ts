/**
 * RDAP domain lookup (RFC 9083 JSON over HTTP, RFC 9082 query path
 * `domain/<name>`), with a timeout. Offline or failing → an error result the
 * REG checks turn into a request for manual evidence; never throws.
 */
import { z } from "zod";
import { outboundFetcher, PUBLIC_ONLY, type OutboundPolicy } from "../net/outbound";

export type Fetcher = (
  url: string,
  init: { signal: AbortSignal; headers: Record<string, string> },
) => Promise<{ status: number; ok: boolean; json(): Promise<unknown>; text(): Promise<string> }>;

export interface RdapData {
  ok: true;
  url: string;
  handle: string | null;
  /** RDAP status values as given ("client transfer prohibited", …). */
  status: string[];
  registrar: string | null;
  nameservers: string[];
  registeredAt: string | null;
  expiresAt: string | null;
  lastTransferAt: string | null;
  lastChangedAt: string | null;
  dsDigests: string[];
}

export interface RdapFailure {
  ok: false;
  url: string;
  error: string;
}

export type RdapResult = RdapData | RdapFailure;

const entitySchema: z.ZodType<{ roles?: string[]; vcardArray?: unknown; entities?: unknown[] }> = z.looseObject({
  roles: z.array(z.string()).optional(),
  vcardArray: z.unknown().optional(),
  entities: z.array(z.unknown()).optional(),
});

const rdapDomainSchema = z.looseObject({
  objectClassName: z.literal("domain").optional(),
  handle: z.string().optional(),
  ldhName: z.string().optional(),
  status: z.array(z.string()).optional(),
  events: z.array(z.looseObject({ eventAction: z.string(), eventDate: z.string() })).optional(),
  entities: z.array(entitySchema).optional(),
  nameservers: z.array(z.looseObject({ ldhName: z.string() })).optional(),
  secureDNS: z
    .looseObject({
      dsData: z
        .array(z.looseObject({ keyTag: z.number(), algorithm: z.number(), digestType: z.number(), digest: z.string() }))
        .optional(),
    })
    .optional(),
});

/** The registrar's name from its jCard "fn" (RFC 9083 §5.1, RFC 7095). */
function registrarName(entities: { roles?: string[]; vcardArray?: unknown }[] | undefined): string | null {
  const r = entities?.find((e) => e.roles?.includes("registrar"));
  const card = r?.vcardArray;
  if (!Array.isArray(card) || !Array.isArray(card[1])) return null;
  for (const prop of card[1] as unknown[])
    if (Array.isArray(prop) && prop[0] === "fn" && typeof prop[3] === "string") return prop[3];
  return null;
}

export interface FetchRdapOptions {
  domain: string;
  /** RDAP base URL of the registry ("https://rdap.example/"); bootstrap (RFC 9224) is the caller's job. */
  baseUrl: string;
  fetcher?: Fetcher;
  /** Destinations the default fetcher may reach (lib/net/outbound.ts; default: public only). */
  policy?: OutboundPolicy;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export async function fetchRdap(opts: FetchRdapOptions): Promise<RdapResult> {
  const domain = opts.domain.replace(/\.$/, "").toLowerCase();
  const url = `${opts.baseUrl.replace(/\/?$/, "/")}domain/${encodeURIComponent(domain)}`;
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), opts.timeoutMs ?? 5000);
  const onAbort = () => ac.abort();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    // Redirects are part of RDAP (RFC 7480 §5.2): followed, each hop resolved and checked again.
    const f: Fetcher =
      opts.fetcher ??
      outboundFetcher({
        policy: opts.policy ?? PUBLIC_ONLY,
        redirect: "follow",
        maxRedirects: 3,
        maxBytes: 1024 * 1024,
      });
    const res = await f(url, { signal: ac.signal, headers: { accept: "application/rdap+json, application/json" } });
    if (!res.ok) return { ok: false, url, error: `HTTP ${res.status}` };
    const parsed = rdapDomainSchema.safeParse(await res.json());
    if (!parsed.success)
      return { ok: false, url, error: `not an RDAP domain object: ${parsed.error.issues[0]?.message ?? "invalid"}` };
    const d = parsed.data;
    const ev = (action: string) => d.events?.find((e) => e.eventAction === action)?.eventDate ?? null;
    return {
      ok: true,
      url,
      handle: d.handle ?? null,
      status: d.status ?? [],
      registrar: registrarName(d.entities),
      nameservers: (d.nameservers ?? [])
        .map((n) => (n.ldhName.endsWith(".") ? n.ldhName : n.ldhName + ".").toLowerCase())
        .sort(),
      registeredAt: ev("registration"),
      expiresAt: ev("expiration"),
      lastTransferAt: ev("transfer"),
      lastChangedAt: ev("last changed"),
      dsDigests: (d.secureDNS?.dsData ?? []).map(
        (x) => `${x.keyTag} ${x.algorithm} ${x.digestType} ${x.digest.toLowerCase()}`,
      ),
    };
  } catch (e) {
    const err = e as Error;
    return { ok: false, url, error: ac.signal.aborted ? `timeout after ${opts.timeoutMs ?? 5000} ms` : err.message };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onAbort);
  }
}
