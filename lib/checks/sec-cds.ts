/**
 * SEC-CDS-CDNSKEY: child-published DS/DNSKEY signals (RFC 7344, RFC 8078).
 * A parent that scans them acts on whatever a delegated server publishes, so
 * they must refer to keys the zone really serves, agree with each other and
 * agree across servers (RFC 7344 §4.1); "0 0 0 00" asks for DS removal (RFC 8078 §4).
 */
import type { Snapshot } from "../dns/run-snapshot";
import { serverLabel } from "../diff/zone-view";
import { namesEqual, name as wire } from "../zone/name";
import { rdataToText } from "../zone/rdata";
import { T } from "../zone/rrtype";
import { answerText, fact } from "./evidence";
import { dsMatches, keyTag } from "./dnssec";
import type { CheckDef, EvidenceRef } from "./types";

interface Published {
  server: string;
  cds: Uint8Array[];
  cdnskey: Uint8Array[];
  dnskey: Uint8Array[];
  evidence: EvidenceRef[];
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
/** RFC 8078 §4: CDS 0 0 0 00 / CDNSKEY 0 3 0 AA== request the removal of every DS. */
export const isDeleteCds = (r: Uint8Array) => r.length === 5 && r.every((x) => x === 0);
export const isDeleteCdnskey = (r: Uint8Array) =>
  r.length === 5 && r[0] === 0 && r[1] === 0 && r[2] === 3 && r[3] === 0 && r[4] === 0;

function published(snap: Snapshot, which: "old" | "new"): Published[] {
  const apex = wire(snap.zone);
  return snap.servers
    .filter((s) => s.authoritative)
    .map((s) => {
      const p: Published = { server: serverLabel(s), cds: [], cdnskey: [], dnskey: [], evidence: [] };
      snap.answers.forEach((a, idx) => {
        if (a.server.address !== s.address || a.server.port !== s.port || a.server.name !== s.name || a.rcode !== 0)
          return;
        if (!namesEqual(a.question.name, apex)) return;
        const t = a.question.type;
        if (t !== T.CDS && t !== T.CDNSKEY && t !== T.DNSKEY) return;
        const recs = a.records
          .filter((r) => r.section === "answer" && r.type === t && namesEqual(r.owner, apex))
          .map((r) => r.rdata);
        if (t === T.CDS) p.cds.push(...recs);
        else if (t === T.CDNSKEY) p.cdnskey.push(...recs);
        else p.dnskey.push(...recs);
        if (recs.length && t !== T.DNSKEY)
          p.evidence.push({ kind: "answer", snapshot: which, answer: idx, server: p.server, text: answerText(a) });
      });
      return p;
    });
}

const setKey = (xs: Uint8Array[]) => xs.map(hex).sort().join(",");

export const cdsConsistency: CheckDef = {
  id: "SEC-CDS-CDNSKEY",
  family: "SEC",
  severity: "blocker",
  title: "CDS/CDNSKEY refer to served keys and agree",
  run(i, emit) {
    const apex = wire(i.zone);
    for (const [snap, which] of [
      [i.old, "old"],
      [i.neu, "new"],
    ] as const) {
      if (!snap) continue;
      const pubs = published(snap, which);
      const any = pubs.filter((p) => p.cds.length || p.cdnskey.length);
      if (any.length === 0) continue;
      // Agreement across the operator's servers (RFC 7344 §4.1).
      const variants = new Set(pubs.map((p) => `${setKey(p.cds)}|${setKey(p.cdnskey)}`));
      if (variants.size > 1)
        emit({
          severity: "warning",
          subject: `${which} CDS/CDNSKEY`,
          message: `The ${which} operator's servers publish different CDS/CDNSKEY sets (${pubs.map((p) => `${p.server}: ${p.cds.length} CDS, ${p.cdnskey.length} CDNSKEY`).join("; ")}); a parent scanning them may act on either (RFC 7344 §4.1).`,
          remediation: "Make every server publish the same CDS/CDNSKEY (resynchronise the secondaries).",
          evidence: any.flatMap((p) => p.evidence).slice(0, 8),
        });
      for (const p of any) {
        const del = p.cds.some(isDeleteCds) || p.cdnskey.some(isDeleteCdnskey);
        if (del) {
          const planned = i.facts.dnssecPlan === "remove-ds";
          emit({
            severity: planned ? "info" : "warning",
            subject: `${p.server} CDS delete`,
            message: `${p.server} (${which}) publishes the DS delete request (CDS 0 0 0 00 / CDNSKEY 0 3 0 AA==, RFC 8078 §4): a parent that scans it removes the DS and the zone becomes unsigned${planned ? ", as the remove-ds plan intends" : ""}.`,
            remediation: planned
              ? "Wait the DS TTL after the parent removed the DS before switching NS."
              : "Remove the delete request unless going unsigned is intended, and record the DNSSEC plan.",
            evidence: p.evidence,
          });
          continue;
        }
        const strayCds = p.cds.filter((c) => !p.dnskey.some((k) => dsMatches(c, k, apex)));
        const strayKey = p.cdnskey.filter((c) => !p.dnskey.some((k) => hex(k) === hex(c)));
        const tagsCds = [...new Set(p.cds.map((c) => (c[0] << 8) | c[1]))].sort();
        const tagsKey = [...new Set(p.cdnskey.map(keyTag))].sort();
        const mismatch = p.cds.length > 0 && p.cdnskey.length > 0 && tagsCds.join(",") !== tagsKey.join(",");
        if (!strayCds.length && !strayKey.length && !mismatch) {
          emit({
            severity: "info",
            subject: `${p.server} CDS/CDNSKEY`,
            message: `${p.server} (${which}) publishes CDS/CDNSKEY for key tag(s) ${[...new Set([...tagsCds, ...tagsKey])].join(", ")}, all matching served DNSKEYs.`,
            remediation:
              "Keep them consistent through the move; with an operator change, follow the DNSSEC plan (RFC 8901).",
            evidence: p.evidence,
          });
          continue;
        }
        const problems = [
          ...strayCds.map(
            (c) => `CDS ${rdataToText(T.CDS, c).split(" ").slice(0, 3).join(" ")} matches no DNSKEY it serves`,
          ),
          ...strayKey.map((c) => `CDNSKEY with tag ${keyTag(c)} is not in its DNSKEY set`),
          ...(mismatch
            ? [
                `CDS names key tags {${tagsCds.join(", ")}} but CDNSKEY {${tagsKey.join(", ")}} (RFC 7344 §4: both must describe the same keys)`,
              ]
            : []),
        ];
        emit({
          subject: `${p.server} CDS/CDNSKEY`,
          message: `${p.server} (${which}): ${problems.join("; ")}. A parent that picks these up publishes a DS without a key and validating resolvers SERVFAIL the zone.`,
          remediation:
            "Publish CDS/CDNSKEY only for keys in the DNSKEY RRset (let the signer generate them), or withdraw them.",
          evidence: [...p.evidence, fact(`DNSKEY tags served: ${p.dnskey.map(keyTag).join(", ") || "none"}`)],
        });
      }
    }
  },
};
