/** SVC checks around mail that need probes: PTR of mail hosts, MTA-STS. */
import type { RRsetView, ZoneView } from "../diff/types";
import { rrsetKey } from "../diff/zone-view";
import { name as wire } from "../zone/name";
import { T } from "../zone/rrtype";
import { fact } from "./evidence";
import { mtaStsPolicyUrl, mxMatches, parseStsPolicy, parseStsRecord } from "./mta-sts";
import type { CheckDef, CheckInput } from "./types";

const current = (i: CheckInput): ZoneView | null => i.views.oldRef ?? i.views.allSources;
const at = (v: ZoneView, owner: string, type: number): RRsetView | undefined =>
  v.rrsets.get(rrsetKey(wire(owner), 1, type));
const txt = (s: RRsetView) =>
  s.texts.map((t) => [...t.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join("") || t);

export const mailPtr: CheckDef = {
  id: "SVC-MAIL-PTR",
  family: "SVC",
  severity: "warning",
  title: "Mail hosts' addresses have PTR records that point back",
  run(i, emit) {
    for (const p of i.probes?.ptr ?? []) {
      const ev = [
        fact(
          `${p.address} PTR ${p.ptr.join(" ") || "(none)"}${p.error ? ` (${p.error})` : ""}; confirmed: ${p.confirmed.join(" ") || "none"}`,
        ),
      ];
      if (p.confirmed.length) {
        emit({
          severity: "info",
          subject: `${p.host} ${p.address}`,
          message: `${p.address} (mail host ${p.host}) has PTR ${p.confirmed.join(", ")}, which resolves back to it (forward-confirmed).`,
          remediation:
            "The reverse zone belongs to the address holder and does not move with the domain: keep the forward names the PTR relies on.",
          evidence: ev,
        });
        continue;
      }
      emit({
        subject: `${p.host} ${p.address}`,
        message: p.error
          ? `The PTR of ${p.address} (mail host ${p.host}) could not be looked up: ${p.error}.`
          : p.ptr.length
            ? `${p.address} (mail host ${p.host}) has PTR ${p.ptr.join(", ")}, but that name does not resolve back to ${p.address}: receivers that check forward-confirmed reverse DNS reject or junk its mail.`
            : `${p.address} (mail host ${p.host}) has no PTR record: many receivers reject mail from it.`,
        remediation: `Reverse zones do not move with a domain: ask the holder of ${p.address} (ISP, hosting or cloud provider) to publish a PTR to ${p.host}, and keep ${p.host}'s A/AAAA identical at the new operator.`,
        evidence: ev,
      });
    }
  },
};

export const mtaSts: CheckDef = {
  id: "SVC-MTA-STS",
  family: "SVC",
  severity: "warning",
  title: "MTA-STS record, policy host and policy agree",
  run(i, emit) {
    const v = current(i);
    if (!v) return;
    const rec = at(v, `_mta-sts.${i.zone}`, T.TXT);
    if (!rec) return;
    const policyHost = `mta-sts.${i.zone}`;
    const sts = txt(rec).filter((t) => t.startsWith("v=STSv1"));
    const parsed = sts.map(parseStsRecord);
    if (sts.length !== 1 || !parsed[0].ok) {
      emit({
        subject: `_mta-sts.${i.zone} TXT`,
        message:
          sts.length !== 1
            ? `_mta-sts.${i.zone} has ${sts.length} v=STSv1 records; RFC 8461 §3.1 requires exactly one, or senders ignore the policy.`
            : `_mta-sts.${i.zone}: ${(parsed[0] as { error: string }).error} (RFC 8461 §3.1).`,
        remediation: "Publish one record: v=STSv1; id=<new id>;",
        evidence: rec.evidence,
      });
    }
    const hostData = [T.A, T.AAAA, T.CNAME].map((t) => at(v, policyHost, t)).filter((x): x is RRsetView => !!x);
    // Absent only where it was asked: an unanswered policy host is unknown, not missing.
    if (hostData.length === 0 && [T.A, T.AAAA].every((t) => v.asked(wire(policyHost), t)))
      emit({
        subject: policyHost,
        message: `${i.zone} announces MTA-STS but the policy host ${policyHost} has no A/AAAA/CNAME in the zone: senders cannot fetch the policy (RFC 8461 §3.3).`,
        remediation: `Publish ${policyHost} (with a certificate valid for that name) exactly as it is served today.`,
        evidence: rec.evidence,
      });
    const mtaProbe = i.probes?.mtaSts;
    if (!mtaProbe) {
      emit({
        severity: "info",
        subject: `${i.zone} MTA-STS`,
        message: `MTA-STS is announced (${txt(rec).join(" ")}); the policy at ${mtaStsPolicyUrl(i.zone)} was not fetched (HTTP probing off).`,
        remediation: "Run with HTTP probing to compare the policy's mx patterns with the MX records.",
        evidence: rec.evidence,
      });
      return;
    }
    const ev = [{ kind: "http" as const, text: `GET ${mtaProbe.url}: ${mtaProbe.error ?? mtaProbe.status}` }];
    if (mtaProbe.error || mtaProbe.status !== 200 || mtaProbe.body === null) {
      emit({
        subject: mtaProbe.url,
        message: `The MTA-STS policy could not be fetched: ${mtaProbe.error ?? `HTTP ${mtaProbe.status}`}. Senders with a cached policy keep enforcing it until max_age; new ones send without.`,
        remediation: `Serve the policy at ${mtaProbe.url} with a valid certificate (RFC 8461 §3.3).`,
        evidence: ev,
      });
      return;
    }
    const policy = parseStsPolicy(mtaProbe.body);
    if (policy.errors.length) {
      emit({
        subject: mtaProbe.url,
        message: `The MTA-STS policy is invalid: ${policy.errors.join("; ")} (RFC 8461 §3.2).`,
        remediation: "Fix the policy file.",
        evidence: ev,
      });
      return;
    }
    const mxHosts = [
      ...new Set(
        [...v.rrsets.values()]
          .filter((s) => s.type === T.MX && s.ownerText === i.zone)
          .flatMap((s) => s.texts.map((t) => (t.split(/\s+/)[1] ?? "").toLowerCase())),
      ),
    ].filter((h) => h && h !== ".");
    const unmatched = mxHosts.filter((h) => !policy.mx.some((p) => mxMatches(h, p)));
    if (unmatched.length && policy.mode !== "none") {
      emit({
        // In enforce mode, compliant senders refuse to deliver to an MX the policy does not list (RFC 8461 §5).
        severity: policy.mode === "enforce" ? "blocker" : undefined,
        subject: `${i.zone} MTA-STS mx`,
        message: `MX host(s) ${unmatched.join(", ")} match no mx pattern of the ${policy.mode} policy (${policy.mx.join(", ")})${policy.mode === "enforce" ? ": MTA-STS senders will not deliver to them" : ""}.`,
        remediation: "Add the MX hosts to the policy's mx lines and change the id in _mta-sts TXT.",
        evidence: [...ev, ...rec.evidence],
      });
      return;
    }
    emit({
      severity: "info",
      subject: `${i.zone} MTA-STS`,
      message: `MTA-STS ${policy.mode} policy (max_age ${policy.maxAge} s) covers every MX host (${mxHosts.join(", ") || "none"}).`,
      remediation: `Keep _mta-sts and ${policyHost} identical at the new operator.`,
      evidence: ev,
    });
  },
};

export const tlsNames: CheckDef = {
  id: "SVC-TLS-NAMES",
  family: "SVC",
  severity: "warning",
  title: "Web hosts present certificates for their names",
  run(i, emit) {
    for (const p of i.http) {
      const t = p.tls;
      if (!t) continue;
      const ev = [
        {
          kind: "http" as const,
          text: `TLS ${t.host} @ ${t.address}:${t.port}: ${t.error ?? `CN=${t.subjectCn ?? "-"} SAN=[${t.dnsNames.join(", ")}] issuer=${t.issuer ?? "-"} valid ${t.validFrom} – ${t.validTo}${t.trusted ? "" : ` untrusted (${t.trustError})`}`}`,
        },
      ];
      if (t.error) {
        emit({
          subject: `${t.host} TLS`,
          message: `No TLS handshake with ${t.host} (${t.address}:${t.port}): ${t.error}.`,
          remediation: "Fix or note it before the move, so a regression afterwards can be told apart.",
          evidence: ev,
        });
        continue;
      }
      const expired = t.validTo !== null && Date.parse(t.validTo) < i.now.getTime();
      if (!t.nameMatches || expired) {
        emit({
          subject: `${t.host} TLS`,
          message: `${t.host} presents a certificate for ${[...new Set([t.subjectCn, ...t.dnsNames].filter(Boolean))].join(", ") || "no name"}${t.nameMatches ? "" : `, which does not cover ${t.host} (${t.nameError})`}${expired ? `; it expired ${t.validTo}` : ""}.`,
          remediation: `Issue a certificate whose subjectAltName covers ${t.host}; check that CAA and any _acme-challenge delegation allow renewals after the move.`,
          evidence: ev,
        });
        continue;
      }
      emit({
        severity: "info",
        subject: `${t.host} TLS`,
        message: `${t.host} presents a certificate covering its name (SAN ${t.dnsNames.join(", ")}), valid until ${t.validTo}${t.trusted ? "" : `; chain not trusted here (${t.trustError})`}.`,
        remediation: "Re-test after the switch.",
        evidence: ev,
      });
    }
  },
};
