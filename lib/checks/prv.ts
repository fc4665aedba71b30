/** PRV: provider dependencies and non-portable provider records (DESIGN §6). */
import { identifyProviders } from "../providers";
import { nonPortableAdvice } from "../providers";
import { name as wire } from "../zone/name";
import { T } from "../zone/rrtype";
import type { CheckDef, CheckInput } from "./types";

/** Kinds that change what resolvers get once the zone leaves the provider. */
const BREAKING = new Set(["alias", "routing-policy", "proxied", "flattened", "alias-type", "lua", "url-forward"]);

/** The old reference server's answer at owner for type (or the CNAME there); null when asked and absent; undefined when unknown. */
function liveAt(i: CheckInput, owner: string, type: string): { type: string; texts: string[] } | null | undefined {
  const ref = i.views.oldRef;
  if (!ref) return undefined;
  const o = (owner.endsWith(".") ? owner : owner + ".").toLowerCase();
  const sets = [...ref.rrsets.values()].filter((s) => s.ownerText === o);
  const hit =
    sets.find((s) => s.typeText === "CNAME") ??
    sets.find((s) => s.typeText === type.toUpperCase()) ??
    sets.find((s) => s.typeText === "A" || s.typeText === "AAAA");
  if (hit) return { type: hit.typeText, texts: hit.texts };
  const w = wire(o);
  return ref.asked(w, T.A) || ref.asked(w, T.CNAME) ? null : undefined;
}

const nonPortable: CheckDef = {
  id: "PRV-NON-PORTABLE",
  family: "PRV",
  severity: "blocker",
  title: "Provider records that do not survive a zone-file copy",
  run(i, emit) {
    for (const s of i.sources) {
      for (const p of s.result.providerRecords) {
        const breaking = BREAKING.has(p.kind);
        // If DNS hosting stays, the records stay with the provider: advisory only.
        const severity = !breaking ? "info" : i.facts.dnsHostingMoves === false ? "warning" : undefined;
        // A proxied record's reason states the live answer (a CNAME is not "anycast addresses").
        const stated =
          p.kind === "proxied" ? null : p.replacement ? { reason: p.reason, replacement: p.replacement } : null;
        const advice =
          stated ??
          nonPortableAdvice({
            kind: p.kind,
            owner: p.owner,
            type: p.type,
            value: p.value,
            apex: p.owner.toLowerCase() === i.zone,
            live: p.kind === "proxied" ? liveAt(i, p.owner, p.type) : undefined,
          });
        emit({
          severity,
          subject: `${p.owner.toLowerCase()} ${p.type} (${p.provider} ${p.kind})`,
          message: `${s.name}:${p.line}: ${advice.reason}`,
          remediation: advice.replacement,
          evidence: [
            {
              kind: "source",
              file: p.file,
              line: p.line,
              text: `${p.file}:${p.line}: ${p.owner} ${p.type} ${p.value} [${Object.entries(p.attributes)
                .map(([k, v]) => `${k}=${v}`)
                .join(" ")}]`,
            },
          ],
        });
      }
    }
  },
};

const dependencies: CheckDef = {
  id: "PRV-DEPENDENCY",
  family: "PRV",
  severity: "warning",
  title: "Records that point into a provider",
  run(i, emit) {
    const seen = new Set<string>();
    const ref = i.views.oldRef;
    if (ref) {
      for (const s of ref.rrsets.values()) {
        if (s.ownerText === i.zone && (s.typeText === "NS" || s.typeText === "SOA")) continue; // the operator being replaced
        for (const text of s.texts) {
          for (const m of identifyProviders({ owner: s.ownerText, type: s.typeText, value: text })) {
            const k = `${s.ownerText}|${s.typeText}|${m.provider}|${m.role}`;
            if (seen.has(k)) continue;
            seen.add(k);
            emit({
              subject: `${s.ownerText} ${s.typeText} → ${m.label}`,
              message: `${s.ownerText} ${s.typeText} ${text} depends on ${m.label} (${m.role}): ${m.evidence}.`,
              remediation: m.replacement,
              evidence: s.evidence,
            });
          }
        }
      }
    }
    for (const src of i.sources) {
      for (const d of src.result.report.providerDependencies ?? []) {
        for (const m of d.matches) {
          if (m.role === "dns-hosting") continue;
          const k = `${d.owner.toLowerCase()}|${d.type}|${m.provider}|${m.role}`;
          if (seen.has(k)) continue;
          seen.add(k);
          emit({
            subject: `${d.owner.toLowerCase()} ${d.type} → ${m.label}`,
            message: `${src.name}:${d.line}: ${d.owner} ${d.type} ${d.value} depends on ${m.label} (${m.role}): ${m.evidence}.`,
            remediation: m.replacement,
            evidence: [
              {
                kind: "source",
                file: d.file,
                line: d.line,
                text: `${d.file}:${d.line}: ${d.owner} ${d.type} ${d.value}`,
              },
            ],
          });
        }
      }
    }
  },
};

export const PRV_CHECKS: CheckDef[] = [nonPortable, dependencies];
