/** SEC: DNSSEC across the move (DESIGN §6, RFC 4035, RFC 8901). */
import { createHash } from "node:crypto";
import type { Snapshot } from "../dns/run-snapshot";
import { serverLabel } from "../diff/view";
import { lowerName, nameToText, namesEqual, name as wire } from "../zone/name";
import { rdataToText } from "../zone/rdata";
import { T } from "../zone/rrtype";
import { answerText, fact } from "./evidence";
import { timingFor } from "./timing";
import type { CheckDef, CheckInput, EvidenceRef } from "./types";

/** RFC 4034 Appendix B key tag. */
export function keyTag(dnskey: Uint8Array): number {
  let ac = 0;
  for (let i = 0; i < dnskey.length; i++) ac += i & 1 ? dnskey[i] : dnskey[i] << 8;
  ac += (ac >> 16) & 0xffff;
  return ac & 0xffff;
}

const DIGESTS: Record<number, string> = { 1: "sha1", 2: "sha256", 4: "sha384" };

/** Whether a DS RDATA matches a DNSKEY RDATA of `owner` (RFC 4034 §5.1.4). */
export function dsMatches(ds: Uint8Array, dnskey: Uint8Array, owner: Uint8Array): boolean {
  if (ds.length < 4 || dnskey.length < 4) return false;
  const tag = (ds[0] << 8) | ds[1];
  const alg = ds[2];
  const digestType = ds[3];
  if (tag !== keyTag(dnskey) || alg !== dnskey[3]) return false;
  const h = DIGESTS[digestType];
  if (!h) return false;
  const d = createHash(h).update(lowerName(owner)).update(dnskey).digest();
  return Buffer.from(ds.subarray(4)).equals(d);
}

interface KeysAt {
  server: string;
  asked: boolean;
  keys: Uint8Array[];
  evidence: EvidenceRef[];
}

function dnskeysPerServer(snap: Snapshot, which: "old" | "new"): KeysAt[] {
  const apex = wire(snap.zone);
  return snap.servers
    .filter((s) => s.authoritative)
    .map((s) => {
      const out: KeysAt = { server: serverLabel(s), asked: false, keys: [], evidence: [] };
      snap.answers.forEach((a, idx) => {
        if (a.server.address !== s.address || a.server.port !== s.port || a.server.name !== s.name) return;
        if (a.question.type !== T.DNSKEY || !namesEqual(a.question.name, apex) || a.rcode !== 0) return;
        out.asked = true;
        out.evidence.push({ kind: "answer", snapshot: which, answer: idx, server: out.server, text: answerText(a) });
        for (const r of a.records) if (r.section === "answer" && r.type === T.DNSKEY && namesEqual(r.owner, apex)) out.keys.push(r.rdata);
      });
      return out;
    });
}

function dsEvidence(i: CheckInput): EvidenceRef[] {
  return (i.old?.delegation?.ds ?? []).map((r) => ({ kind: "delegation" as const, text: `parent ${i.old?.delegation?.parent}: ${nameToText(r.owner)} ${r.ttl} IN DS ${rdataToText(T.DS, r.rdata)}` }));
}

const dsNoKey: CheckDef = {
  id: "SEC-DS-NO-DNSKEY", family: "SEC", severity: "blocker", title: "DS at the parent matches a DNSKEY at every server that will be authoritative",
  run(i, emit) {
    const ds = i.old?.delegation?.ds ?? [];
    if (ds.length === 0) return;
    const apex = wire(i.zone);
    const groups: [Snapshot | null, "old" | "new"][] = [[i.old, "old"], [i.neu, "new"]];
    for (const [snap, which] of groups) {
      if (!snap) continue;
      for (const k of dnskeysPerServer(snap, which)) {
        const ok = ds.some((d) => k.keys.some((key) => dsMatches(d.rdata, key, apex)));
        if (ok) continue;
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

const dsNoPlan: CheckDef = {
  id: "SEC-DS-NO-PLAN", family: "SEC", severity: "blocker", title: "A signed zone changing operator has a DNSSEC plan",
  run(i, emit) {
    const ds = i.old?.delegation?.ds ?? [];
    if (ds.length === 0 || i.facts.dnsHostingMoves !== true) return;
    if (i.facts.dnssecPlan === "multi-signer" || i.facts.dnssecPlan === "remove-ds") return;
    const t = timingFor(i);
    emit({
      subject: i.zone,
      message: `${i.zone} has a DS at the parent (TTL ${ds[0].ttl} s) and DNS hosting moves, but no DNSSEC plan is recorded. The new operator signs with other keys; switching NS with the old DS in place makes the zone bogus.`,
      remediation: `Choose one: multi-signer (RFC 8901: both operators' DNSKEYs in both zones, both DS at the parent) or remove the DS, wait ${ds[0].ttl} s (the DS TTL), then switch; the overlap then needs ${t.minOverlapSeconds} s.`,
      evidence: dsEvidence(i),
    });
  },
};

const unsigned: CheckDef = {
  id: "SEC-UNSIGNED", family: "SEC", severity: "info", title: "DNSSEC status",
  run(i, emit) {
    if (!i.old?.delegation?.parent) return;
    if ((i.old.delegation.ds ?? []).length > 0) return;
    emit({ subject: i.zone, message: `${i.zone} has no DS at the parent: the zone is unsigned, no DNSSEC step is needed for the move.`, remediation: "None.", evidence: [fact(`DS query at ${i.old.delegation.parent}: no DS`)] });
  },
};

/** RRSIG signature expiration: bytes 8..12 of the RDATA (RFC 4034 §3.1.5). */
export function rrsigExpiration(rdata: Uint8Array): number | null {
  if (rdata.length < 12) return null;
  return new DataView(rdata.buffer, rdata.byteOffset + 8, 4).getUint32(0);
}

const rrsigValidity: CheckDef = {
  id: "SEC-RRSIG-VALIDITY", family: "SEC", severity: "warning", title: "Signatures stay valid through the overlap",
  run(i, emit) {
    const t = timingFor(i);
    const until = Math.floor(i.now.getTime() / 1000) + t.minOverlapSeconds;
    for (const [snap, which] of [[i.old, "old"], [i.neu, "new"]] as const) {
      if (!snap) continue;
      let worst: { exp: number; idx: number } | null = null;
      snap.answers.forEach((a, idx) => {
        for (const r of a.records) {
          if (r.type !== T.RRSIG) continue;
          const exp = rrsigExpiration(r.rdata);
          if (exp !== null && (worst === null || exp < worst.exp)) worst = { exp, idx };
        }
      });
      const w = worst as { exp: number; idx: number } | null;
      if (!w || w.exp >= until) continue;
      emit({
        subject: `${which} signatures`,
        message: `A signature served by the ${which} operator expires ${new Date(w.exp * 1000).toISOString()}, before the overlap ends (${new Date(until * 1000).toISOString()}).`,
        remediation: "Make sure the signer keeps re-signing through the overlap (old zone kept and signed until the new delegation is everywhere).",
        evidence: [{ kind: "answer", snapshot: which, answer: w.idx, text: answerText(snap.answers[w.idx]) }],
      });
    }
  },
};

export const SEC_CHECKS: CheckDef[] = [dsNoKey, dsNoPlan, unsigned, rrsigValidity];
