/** SEC: DNSSEC across the move (DESIGN §6, RFC 4035, RFC 8901). */
import { dsMatches, keyTag, verifyRrsig } from "./dnssec";
import type { Snapshot } from "../dns/run-snapshot";
import { serverLabel } from "../diff/zone-view";
import { nameToText, namesEqual, name as wire } from "../zone/name";
import { rdataToText } from "../zone/rdata";
import { T } from "../zone/rrtype";
import { answerText, fact } from "./evidence";
import { timingFor } from "./timing";
import type { CheckDef, CheckInput, EvidenceRef } from "./types";
import { cdsConsistency } from "./sec-cds";

export { keyTag, dsMatches } from "./dnssec";

interface KeysAt {
  server: string;
  asked: boolean;
  /** The server answered a DNSKEY question at all (any rcode): it said something. */
  answered: boolean;
  keys: Uint8Array[];
  evidence: EvidenceRef[];
}

function dnskeysPerServer(snap: Snapshot, which: "old" | "new"): KeysAt[] {
  const apex = wire(snap.zone);
  return snap.servers
    .filter((s) => s.authoritative)
    .map((s) => {
      const out: KeysAt = { server: serverLabel(s), asked: false, answered: false, keys: [], evidence: [] };
      snap.answers.forEach((a, idx) => {
        if (a.server.address !== s.address || a.server.port !== s.port || a.server.name !== s.name) return;
        if (a.question.type !== T.DNSKEY || !namesEqual(a.question.name, apex)) return;
        if (a.rcode !== null) out.answered = true;
        if (a.rcode !== 0) return;
        out.asked = true;
        out.evidence.push({ kind: "answer", snapshot: which, answer: idx, server: out.server, text: answerText(a) });
        for (const r of a.records)
          if (r.section === "answer" && r.type === T.DNSKEY && namesEqual(r.owner, apex)) out.keys.push(r.rdata);
      });
      return out;
    });
}

function dsEvidence(i: CheckInput): EvidenceRef[] {
  return (i.old?.delegation?.ds ?? []).map((r) => ({
    kind: "delegation" as const,
    text: `parent ${i.old?.delegation?.parent}: ${nameToText(r.owner)} ${r.ttl} IN DS ${rdataToText(T.DS, r.rdata)}`,
  }));
}

const dsNoKey: CheckDef = {
  id: "SEC-DS-NO-DNSKEY",
  family: "SEC",
  severity: "blocker",
  title: "DS at the parent matches a DNSKEY at every server that will be authoritative",
  run(i, emit) {
    const ds = i.old?.delegation?.ds ?? [];
    if (ds.length === 0) return;
    const apex = wire(i.zone);
    const groups: [Snapshot | null, "old" | "new"][] = [
      [i.old, "old"],
      [i.neu, "new"],
    ];
    for (const [snap, which] of groups) {
      if (!snap) continue;
      for (const k of dnskeysPerServer(snap, which)) {
        const ok = ds.some((d) => k.keys.some((key) => dsMatches(d.rdata, key, apex)));
        if (ok) continue;
        // No DNSKEY answer at all (not sent, timed out, cut off): unknown, not "no key".
        if (!k.asked && !k.answered) continue;
        emit({
          subject: k.server,
          message: `The parent publishes DS ${ds.map((d) => rdataToText(T.DS, d.rdata).split(" ").slice(0, 3).join(" ")).join(", ")} for ${i.zone}, but ${k.server} (${which} operator) serves ${k.keys.length ? `DNSKEYs with tags ${k.keys.map(keyTag).join(", ")}, none matching` : k.asked ? "no DNSKEY" : "no DNSKEY answer"}: validating resolvers will treat the zone as bogus (SERVFAIL) ${which === "old" ? "already today" : "once it answers"}.`,
          remediation:
            which === "new"
              ? "Before switching NS: either import the new operator's DNSKEY into the DS set (multi-signer, RFC 8901 §3), or remove the DS at the registrar and wait the DS TTL."
              : "Remove the stale DS at the registrar or publish the matching DNSKEY now.",
          evidence: [...dsEvidence(i), ...k.evidence],
        });
      }
    }
  },
};

/** What one new server was seen to serve against the parent's DS: the key, and a valid signature by it over the DNSKEY RRset. */
interface DsKeyAt {
  server: string;
  /** Tags of the DNSKEYs it served (DO=1), null when it was not asked with DO or did not answer. */
  tags: number[] | null;
  /** Tag of a served key the DS matches, or null. */
  matching: number | null;
  /** That key's RRSIG over the DNSKEY RRset validates and has not expired (RFC 4035 §5.3). */
  validates: boolean;
  evidence: EvidenceRef[];
}

function dsKeyAt(i: CheckInput, which: "old" | "new"): DsKeyAt[] {
  const snap = which === "old" ? i.old : i.neu;
  const ds = i.old?.delegation?.ds ?? [];
  const apex = wire(i.zone);
  const now = Math.floor(i.now.getTime() / 1000);
  return (snap?.servers ?? [])
    .filter((s) => s.authoritative)
    .map((s) => {
      const server = serverLabel(s);
      const a = i.probes?.servers
        .find((p) => p.which === which && p.server === server)
        ?.signed.find((x) => x.question.type === T.DNSKEY && x.rcode === 0 && !x.error);
      if (!a) return { server, tags: null, matching: null, validates: false, evidence: [] };
      const keys = a.records
        .filter((r) => r.section === "answer" && r.type === T.DNSKEY && namesEqual(r.owner, apex))
        .map((r) => r.rdata);
      const sigs = a.records
        .filter((r) => r.section === "answer" && r.type === T.RRSIG && namesEqual(r.owner, apex))
        .map((r) => r.rdata);
      const matched = keys.filter((k) => ds.some((d) => dsMatches(d.rdata, k, apex)));
      const validates = matched.some((k) =>
        sigs.some(
          (sig) =>
            (rrsigExpiration(sig) ?? 0) >= now &&
            verifyRrsig({ owner: apex, type: T.DNSKEY, rdatas: keys, rrsig: sig, dnskey: k }),
        ),
      );
      return {
        server,
        tags: keys.map(keyTag),
        matching: matched.length ? keyTag(matched[0]) : null,
        validates,
        evidence: [fact(answerText(a))],
      };
    });
}

const describeKeys = (k: DsKeyAt) =>
  k.tags === null
    ? `${k.server} was not asked for its DNSKEY with DNSSEC records (DO=1), so nothing shows which keys it signs with`
    : k.matching === null
      ? `${k.server} serves ${k.tags.length ? `DNSKEY tag(s) ${k.tags.join(", ")}, none of which the parent's DS matches` : "no DNSKEY"}`
      : `${k.server} serves the DS's key (tag ${k.matching}) but no valid, unexpired signature by it over the DNSKEY RRset`;

const dsNoPlan: CheckDef = {
  id: "SEC-DS-NO-PLAN",
  family: "SEC",
  severity: "blocker",
  title: "A signed zone changing operator has a DNSSEC plan",
  run(i, emit) {
    const ds = i.old?.delegation?.ds ?? [];
    if (ds.length === 0 || i.facts.dnsHostingMoves !== true) return;
    if (i.facts.dnssecPlan === "multi-signer" || i.facts.dnssecPlan === "remove-ds") return;
    const t = timingFor(i);
    const atNew = dsKeyAt(i, "new");
    const lacking = atNew.filter((k) => !k.validates);
    if (atNew.length > 0 && lacking.length === 0) {
      // The handover is already done: the parent's DS leads to a key every new server serves and signs with.
      emit({
        severity: "info",
        subject: i.zone,
        message: `${i.zone} has a DS at the parent and DNS hosting moves without a recorded DNSSEC plan, but every new server (${atNew.map((k) => k.server).join(", ")}) serves the key the DS matches (tag ${atNew[0].matching}) and its signature over the DNSKEY RRset validates: the chain of trust holds after the switch, nothing is missing.`,
        remediation:
          "Keep the new operator signing with this key through the overlap; record the plan (multi-signer) for the checklist.",
        evidence: [...dsEvidence(i), ...atNew.flatMap((k) => k.evidence)],
      });
      return;
    }
    const observed = atNew.length ? lacking.map(describeKeys).join("; ") : "no server of the new operator was given";
    emit({
      subject: i.zone,
      message: `${i.zone} has a DS at the parent (TTL ${ds[0].ttl} s) and DNS hosting moves, but no DNSSEC plan is recorded, and ${observed}. Switching NS while the parent's DS leads to no key the new servers sign with makes the zone bogus for validating resolvers.`,
      remediation: `Choose one: multi-signer (RFC 8901: both operators' DNSKEYs in both zones, both DS at the parent) or remove the DS, wait ${ds[0].ttl} s (the DS TTL), then switch; the overlap then needs ${t.minOverlapSeconds} s.`,
      evidence: dsEvidence(i),
    });
  },
};

const unsigned: CheckDef = {
  id: "SEC-UNSIGNED",
  family: "SEC",
  severity: "info",
  title: "DNSSEC status",
  run(i, emit) {
    if (!i.old?.delegation?.parent) return;
    if ((i.old.delegation.ds ?? []).length > 0) return;
    emit({
      subject: i.zone,
      message: `${i.zone} has no DS at the parent: the zone is unsigned, no DNSSEC step is needed for the move.`,
      remediation: "None.",
      evidence: [fact(`DS query at ${i.old.delegation.parent}: no DS`)],
    });
  },
};

/** RRSIG signature expiration: bytes 8..12 of the RDATA (RFC 4034 §3.1.5). */
export function rrsigExpiration(rdata: Uint8Array): number | null {
  if (rdata.length < 12) return null;
  return new DataView(rdata.buffer, rdata.byteOffset + 8, 4).getUint32(0);
}

/** RRSIG signature inception: bytes 12..16 (RFC 4034 §3.1.5). */
export function rrsigInception(rdata: Uint8Array): number | null {
  if (rdata.length < 16) return null;
  return new DataView(rdata.buffer, rdata.byteOffset + 12, 4).getUint32(0);
}

const iso = (s: number) => new Date(s * 1000).toISOString();

const rrsigValidity: CheckDef = {
  id: "SEC-RRSIG-VALIDITY",
  family: "SEC",
  severity: "warning",
  title: "Signatures stay valid through the overlap",
  run(i, emit) {
    const t = timingFor(i);
    const now = Math.floor(i.now.getTime() / 1000);
    const until = now + t.minOverlapSeconds;
    for (const [snap, which] of [
      [i.old, "old"],
      [i.neu, "new"],
    ] as const) {
      // Signatures seen in the snapshot and in the DO=1 probes of this operator.
      const answers = [
        ...(snap?.answers ?? []).map((a, idx) => ({
          a,
          ref: { kind: "answer" as const, snapshot: which, answer: idx, text: answerText(a) } as EvidenceRef,
        })),
        ...(i.probes?.servers ?? [])
          .filter((p) => p.which === which)
          .flatMap((p) => p.signed.map((a) => ({ a, ref: fact(answerText(a)) }))),
      ];
      let soonest: { exp: number; ref: EvidenceRef } | null = null;
      let latestStart: { inc: number; ref: EvidenceRef } | null = null;
      let count = 0;
      for (const { a, ref } of answers) {
        for (const r of a.records) {
          if (r.type !== T.RRSIG) continue;
          count++;
          const exp = rrsigExpiration(r.rdata);
          const inc = rrsigInception(r.rdata);
          if (exp !== null && (soonest === null || exp < soonest.exp)) soonest = { exp, ref };
          if (inc !== null && (latestStart === null || inc > latestStart.inc)) latestStart = { inc, ref };
        }
      }
      if (count === 0 || !soonest) continue;
      const s = soonest as { exp: number; ref: EvidenceRef };
      const l = latestStart as { inc: number; ref: EvidenceRef } | null;
      if (s.exp < now || (l && l.inc > now)) {
        emit({
          severity: "blocker",
          subject: `${which} signatures`,
          message:
            s.exp < now
              ? `A signature served by the ${which} operator expired ${iso(s.exp)}: validating resolvers already fail (RFC 4035 §5.3.1).`
              : `A signature served by the ${which} operator is valid only from ${iso(l!.inc)} (clock or signer fault, RFC 4035 §5.3.1).`,
          remediation: "Fix the signer (re-sign the zone, check its clock) before anything else.",
          evidence: [s.exp < now ? s.ref : l!.ref],
        });
        continue;
      }
      if (s.exp >= until) {
        emit({
          severity: "info",
          subject: `${which} signatures`,
          message: `${count} signature(s) served by the ${which} operator; the soonest expires ${iso(s.exp)}, after the overlap ends (${iso(until)}).`,
          remediation: "Keep the signer running through the overlap.",
          evidence: [s.ref],
        });
        continue;
      }
      emit({
        subject: `${which} signatures`,
        message: `A signature served by the ${which} operator expires ${iso(s.exp)}, before the overlap ends (${iso(until)}).`,
        remediation:
          "Make sure the signer keeps re-signing through the overlap (old zone kept and signed until the new delegation is everywhere).",
        evidence: [s.ref],
      });
    }
  },
};

export const SEC_CHECKS: CheckDef[] = [dsNoKey, dsNoPlan, unsigned, rrsigValidity, cdsConsistency];
