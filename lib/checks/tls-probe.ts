/**
 * The certificate a web host presents (SVC): TLS handshake with SNI
 * (RFC 6066 §3) via node:tls, then the name check of RFC 6125 / RFC 9110
 * §4.3.4 (tls.checkServerIdentity). The chain is recorded, not enforced:
 * a lab or an internal CA still yields the names to compare.
 */
import { checkServerIdentity, connect, type PeerCertificate } from "node:tls";
import { checkAddress } from "../dns/address-policy";
import { PUBLIC_ONLY, resolveChecked, type OutboundPolicy } from "../net/outbound";

export interface TlsInfo {
  host: string;
  address: string;
  port: number;
  /** Subject CN and subjectAltName DNS names as presented. */
  subjectCn: string | null;
  dnsNames: string[];
  issuer: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** Chain verified against the trust store. */
  trusted: boolean;
  trustError: string | null;
  /** The host name is among the certificate's names (RFC 6125 §6.4). */
  nameMatches: boolean;
  nameError: string | null;
  error: string | null;
}

export interface ProbeTlsOptions {
  host: string;
  /** Where to connect (default: the host name itself). */
  address?: string;
  port?: number;
  timeoutMs?: number;
  /** Extra trust anchors (PEM), e.g. a lab CA. */
  ca?: string | Buffer;
  /** Destinations allowed (lib/net/outbound.ts; default: public only); `address` is checked too. */
  policy?: OutboundPolicy;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export function dnsNamesOf(cert: Pick<PeerCertificate, "subjectaltname">): string[] {
  return (cert.subjectaltname ?? "")
    .split(/,\s*/)
    .filter((x) => x.startsWith("DNS:"))
    .map((x) => x.slice(4).toLowerCase());
}

export async function probeTls(o: ProbeTlsOptions): Promise<TlsInfo> {
  const host = o.host.replace(/\.$/, "").toLowerCase();
  const port = o.port ?? 443;
  const policy = o.policy ?? PUBLIC_ONLY;
  // Resolved once and checked; the handshake goes to that address, SNI carries the name.
  const checked =
    o.address !== undefined
      ? { address: o.address, refused: checkAddress(o.address, policy) }
      : await resolveChecked(host, policy).then((r) =>
          r.ok ? { address: r.address, refused: null } : { address: host, refused: r.error },
        );
  const address = checked.address;
  const base: TlsInfo = {
    host,
    address,
    port,
    subjectCn: null,
    dnsNames: [],
    issuer: null,
    validFrom: null,
    validTo: null,
    trusted: false,
    trustError: null,
    nameMatches: false,
    nameError: null,
    error: null,
  };
  if (checked.refused !== null) return { ...base, error: `not connected: ${checked.refused}` };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (info: TlsInfo) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(info);
    };
    // rejectUnauthorized off: we want the names even from an untrusted chain, and report trust separately.
    const socket = connect({
      host: address,
      port,
      servername: host,
      rejectUnauthorized: false,
      ca: o.ca,
      ALPNProtocols: ["http/1.1"],
    });
    const timer = setTimeout(
      () => finish({ ...base, error: `timeout after ${o.timeoutMs ?? 5000} ms` }),
      o.timeoutMs ?? 5000,
    );
    socket.once("secureConnect", () => {
      const cert = socket.getPeerCertificate();
      if (!cert || Object.keys(cert).length === 0) return finish({ ...base, error: "no certificate presented" });
      const nameErr = checkServerIdentity(host, cert);
      finish({
        ...base,
        subjectCn: one(cert.subject?.CN),
        dnsNames: dnsNamesOf(cert),
        issuer: one(cert.issuer?.CN) ?? one(cert.issuer?.O),
        validFrom: cert.valid_from ? new Date(cert.valid_from).toISOString() : null,
        validTo: cert.valid_to ? new Date(cert.valid_to).toISOString() : null,
        trusted: socket.authorized,
        trustError: socket.authorized ? null : String(socket.authorizationError ?? "untrusted"),
        nameMatches: !nameErr,
        nameError: nameErr ? nameErr.message : null,
      });
    });
    socket.once("error", (e) => finish({ ...base, error: e.message }));
  });
}
