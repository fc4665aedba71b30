/** SVC: services that depend on the zone — mail, certificates, web (DESIGN §6). */
import type { RRsetView, ZoneView } from "../diff/types";
import { rrsetKey } from "../diff/zone-view";
import { isSubdomain, name as wire } from "../zone/name";
import { T } from "../zone/rrtype";
import { fact } from "./evidence";
import type { CheckDef, CheckInput } from "./types";
import { mailPtr, mtaSts, tlsNames } from "./svc-mail";
import { xfrPath } from "./svc-xfr";

/** What the zone serves today: the old reference server, else the sources. */
function current(i: CheckInput): ZoneView | null {
  return i.views.oldRef ?? i.views.allSources;
}

function txtStrings(s: RRsetView): string[] {
  // Presentation text of TXT: one or more quoted strings; a record's strings concatenate (RFC 7208 §3.3).
  return s.texts.map((t) => [...t.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join("") || t);
}

function at(v: ZoneView, owner: string, type: number): RRsetView | undefined {
  // A key lookup, not a scan: the checks call this per MX target of a 100,000-name zone.
  return v.rrsets.get(rrsetKey(wire(owner), 1, type));
}

/** Whether `v` could have shown (owner, type): absence in a view counts only where it was asked. */
function askedAt(v: ZoneView, owner: string, type: number): boolean {
  return v.asked(wire(owner), type);
}

const mxTargets: CheckDef = {
  id: "SVC-MX-TARGET",
  family: "SVC",
  severity: "blocker",
  title: "MX targets resolve",
  run(i, emit) {
    const v = current(i);
    if (!v) return;
    const apex = wire(i.zone);
    for (const mx of [...v.rrsets.values()].filter((s) => s.type === T.MX)) {
      for (const text of mx.texts) {
        const target = (text.split(/\s+/)[1] ?? "").toLowerCase();
        if (target === ".") continue; // null MX (RFC 7505)
        if (!isSubdomain(wire(target), apex)) {
          emit({
            severity: "info",
            subject: `${mx.ownerText} MX ${target}`,
            message: `MX target ${target} is outside ${i.zone}: it does not move with the zone (not resolved here; no recursion is used).`,
            remediation: "Confirm the mail provider keeps accepting mail for the domain after the move.",
            evidence: mx.evidence,
          });
          continue;
        }
        const addr = [T.A, T.AAAA].map((t) => at(v, target, t)).filter((x): x is RRsetView => !!x);
        const cname = at(v, target, T.CNAME);
        if (addr.length > 0) continue;
        // Never asked (or no usable answer): unknown, not absent — INV-UNVERIFIED/INV-SNAPSHOT-INCOMPLETE list it.
        if (!cname && !(askedAt(v, target, T.A) && askedAt(v, target, T.AAAA))) continue;
        emit({
          subject: `${mx.ownerText} MX ${target}`,
          message: cname
            ? `MX target ${target} is a CNAME (${cname.texts[0]}): RFC 2181 §10.3 forbids it and some mailers refuse it.`
            : `MX target ${target} has no A/AAAA in the zone: mail to ${mx.ownerText} has nowhere to go.`,
          remediation: `Publish A/AAAA for ${target}, or point the MX at a host that has them.`,
          evidence: [...mx.evidence, ...(cname?.evidence ?? [])],
        });
      }
    }
  },
};

const spf: CheckDef = {
  id: "SVC-SPF",
  family: "SVC",
  severity: "blocker",
  title: "At most one SPF record per name",
  run(i, emit) {
    const v = current(i);
    if (!v) return;
    for (const s of [...v.rrsets.values()].filter((x) => x.type === T.TXT)) {
      const spfs = txtStrings(s).filter((t) => /^v=spf1(\s|$)/i.test(t));
      if (spfs.length > 1)
        emit({
          subject: `${s.ownerText} TXT`,
          message: `${s.ownerText} publishes ${spfs.length} SPF records; RFC 7208 §4.5 makes that a permanent error, so receivers treat mail as unauthenticated.`,
          remediation: "Merge them into one v=spf1 record.",
          evidence: s.evidence,
        });
    }
    const apexMx = at(v, i.zone, T.MX);
    const apexTxt = at(v, i.zone, T.TXT);
    if (apexMx && askedAt(v, i.zone, T.TXT) && !(apexTxt && txtStrings(apexTxt).some((t) => /^v=spf1(\s|$)/i.test(t))))
      emit({
        severity: "warning",
        subject: `${i.zone} TXT`,
        message: `${i.zone} receives mail (MX) but publishes no SPF record.`,
        remediation: "Publish one v=spf1 record for the domain.",
        evidence: apexMx.evidence,
      });
  },
};

const dmarc: CheckDef = {
  id: "SVC-DMARC",
  family: "SVC",
  severity: "warning",
  title: "DMARC policy present",
  run(i, emit) {
    const v = current(i);
    if (!v || !at(v, i.zone, T.MX)) return;
    const d =
      at(v, `_dmarc.${i.zone}`, T.TXT) ?? (i.views.allSources && at(i.views.allSources, `_dmarc.${i.zone}`, T.TXT));
    const ok = d && txtStrings(d).some((t) => /^v=DMARC1(;|\s|$)/i.test(t));
    if (!d && !askedAt(v, `_dmarc.${i.zone}`, T.TXT)) return; // never answered: unknown
    if (ok)
      emit({
        severity: "info",
        subject: `_dmarc.${i.zone}`,
        message: `DMARC: ${txtStrings(d!).join(" ")}.`,
        remediation: "Keep it identical at the new operator.",
        evidence: d!.evidence,
      });
    else
      emit({
        subject: `_dmarc.${i.zone}`,
        message: `${i.zone} has MX records but no DMARC policy at _dmarc.${i.zone} (RFC 7489 §6.1).`,
        remediation:
          "Publish a DMARC record (at least p=none with a report address) before the move so problems become visible.",
        evidence: [fact(`no v=DMARC1 TXT at _dmarc.${i.zone}`)],
      });
  },
};

const dkim: CheckDef = {
  id: "SVC-DKIM",
  family: "SVC",
  severity: "warning",
  title: "DKIM selectors found",
  run(i, emit) {
    const v = current(i);
    if (!v || !at(v, i.zone, T.MX)) return;
    const sels = [...(i.views.allSources ? i.views.allSources.rrsets.values() : []), ...v.rrsets.values()].filter(
      (s) => /\._domainkey\./.test(s.ownerText) && (s.type === T.TXT || s.type === T.CNAME),
    );
    const names = [...new Set(sels.map((s) => s.ownerText))];
    if (names.length)
      emit({
        severity: "info",
        subject: `${i.zone} DKIM`,
        message: `DKIM selectors found: ${names.join(", ")}.`,
        remediation: "Copy every selector unchanged; a missing selector fails DKIM for mail signed with it.",
        evidence: sels.flatMap((s) => s.evidence).slice(0, 6),
      });
    else
      emit({
        subject: `${i.zone} DKIM`,
        message: `No DKIM selector found under _domainkey.${i.zone} (common selectors were probed; selectors have arbitrary names).`,
        remediation: "Ask the mail provider for its selector names and confirm they exist in the zone to load.",
        evidence: [fact("no *._domainkey TXT/CNAME found live or in the exports")],
      });
  },
};

const caa: CheckDef = {
  id: "SVC-CAA",
  family: "SVC",
  severity: "info",
  title: "CAA permits the issuers in use",
  run(i, emit) {
    const v = current(i);
    if (!v) return;
    for (const s of [...v.rrsets.values()].filter((x) => x.type === T.CAA)) {
      const issuers = s.texts.filter((t) => /\sissue(wild)?\s/.test(t)).map((t) => t.split(/\s+/).slice(2).join(" "));
      const atNew = i.views.newRef?.rrsets.get(s.key);
      // Not asked at the new side: unknown (INV-UNVERIFIED-AT-NEW lists it), never "does not serve it".
      if (i.views.newRef && !atNew && !i.views.newRef.asked(s.owner, s.type)) continue;
      emit({
        severity: i.views.newRef && !atNew ? "blocker" : undefined,
        subject: `${s.ownerText} CAA`,
        message: `${s.ownerText} CAA allows ${issuers.join(", ") || "no issuer"} (RFC 8659)${i.views.newRef ? (atNew ? "; the new operator serves the same CAA." : "; the new operator does not serve it, so any CA may issue and renewals that rely on a CAA account binding change.") : "."}`,
        remediation:
          "Keep CAA identical at the new operator and make sure it permits both the current CA and any CA the new operator uses.",
        evidence: s.evidence,
      });
    }
  },
};

const acme: CheckDef = {
  id: "SVC-ACME-CHALLENGE",
  family: "SVC",
  severity: "blocker",
  title: "_acme-challenge delegations are kept",
  run(i, emit) {
    const v = i.views.oldRef;
    if (!v) return;
    for (const s of [...v.rrsets.values()].filter(
      (x) => x.ownerText.startsWith("_acme-challenge.") && (x.type === T.CNAME || x.type === T.NS),
    )) {
      const inSources = i.views.allSources?.rrsets.get(s.key);
      const atNew = i.views.newRef?.rrsets.get(s.key);
      const lost = [
        ...(i.views.allSources && !inSources ? ["the exports"] : []),
        ...(i.views.newRef && !atNew && i.views.newRef.asked(s.owner, s.type) ? ["the new operator"] : []),
      ];
      emit({
        severity: lost.length ? undefined : "info",
        subject: `${s.ownerText} ${s.typeText}`,
        message: `${s.ownerText} ${s.typeText} ${s.texts.join(" / ")} delegates ACME DNS-01 validation (certificate renewals)${lost.length ? `; it is missing from ${lost.join(" and ")}: the next renewal fails after the move.` : "; kept on every side."}`,
        remediation: `Copy \`${s.ownerText} ${s.ttl} IN ${s.typeText} ${s.texts[0]}\` to the new operator.`,
        evidence: s.evidence,
      });
    }
  },
};

const http: CheckDef = {
  id: "SVC-HTTP",
  family: "SVC",
  severity: "warning",
  title: "Web hosts answer over HTTP(S)",
  run(i, emit) {
    for (const p of i.http) {
      const bad = p.error !== null || (p.status !== null && p.status >= 500);
      emit({
        severity: bad ? undefined : "info",
        subject: p.url,
        message: bad
          ? `${p.url} does not work today: ${p.error ?? `HTTP ${p.status}`}. Compare after the move cannot tell a regression from an old fault.`
          : `${p.url} answers HTTP ${p.status} in ${p.elapsedMs} ms.`,
        remediation: bad ? "Fix or note the fault before the move." : "Re-test after the switch.",
        evidence: [{ kind: "http", text: `GET ${p.url}: ${p.error ?? p.status} (${p.elapsedMs} ms)` }],
      });
    }
  },
};

export const SVC_CHECKS: CheckDef[] = [
  mxTargets,
  spf,
  dmarc,
  dkim,
  mailPtr,
  mtaSts,
  caa,
  acme,
  http,
  tlsNames,
  xfrPath,
];
