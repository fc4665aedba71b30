/** INV: inventory and parity (DESIGN §6). Every live RRset must exist identically in the sources and at the new side. */
import type { Snapshot } from "../dns/run-snapshot";
import { serverLabel } from "../diff/zone-view";
import { nameKey, nameToText } from "../zone/name";
import { T, typeToText } from "../zone/rrtype";
import type { Comparison, DiffEntry, EvidenceRef } from "../diff/types";
import { entryEvidence, fact } from "./evidence";
import type { CheckDef, CheckInput, Emit } from "./types";
import { negativeTtlParity } from "./inv-negative";

const rr = (e: DiffEntry) => `${e.owner} ${e.type}`;
const show = (texts: string[]) => (texts.length ? texts.join(" / ") : "(none)");

function unexplained(c: Comparison | null, kind: DiffEntry["kind"]): DiffEntry[] {
  return c ? c.entries.filter((e) => e.kind === kind && !e.explained) : [];
}

/**
 * Live RRsets the exports lack that the RRSIG labels field shows synthesized
 * from a wildcard which is itself missing from the exports: one problem (the
 * wildcard), reported once at the wildcard, not once per name it answers.
 */
function synthesizedFromMissingWildcard(i: CheckInput): Map<string, string> {
  const missing = new Set(unexplained(i.diff.allSources, "only-here").map((e) => `${e.owner}|${e.type}`));
  const out = new Map<string, string>();
  for (const p of i.probes?.synthesis ?? [])
    if (missing.has(`${p.wildcard}|${typeToText(p.type)}`)) out.set(p.key, p.wildcard);
  return out;
}

const missingInSource: CheckDef = {
  id: "INV-MISSING-IN-SOURCE",
  family: "INV",
  severity: "blocker",
  title: "Every live RRset exists in the sources",
  run(i, emit) {
    if (i.sources.length === 0) return;
    const collapsed = synthesizedFromMissingWildcard(i);
    const synth = new Map((i.probes?.synthesis ?? []).map((p) => [p.key, p.wildcard]));
    for (const e of unexplained(i.diff.allSources, "only-here")) {
      if (collapsed.has(e.key)) continue;
      const answers = [...collapsed]
        .filter(([k, w]) => w === e.owner && i.views.oldRef?.rrsets.get(k)?.typeText === e.type)
        .map(([k]) => i.views.oldRef!.rrsets.get(k)!.ownerText);
      emit({
        subject: rr(e),
        message:
          `${rr(e)} is served live (${show(e.here!.texts)}) but is in none of the uploaded exports (${i.sources.map((s) => s.name).join(", ")}).` +
          (answers.length
            ? ` The wildcard also answers ${answers.length} name(s) the exports lack, synthesized per their RRSIG labels field (RFC 4035 §5.3.4): ${answers.slice(0, 10).join(", ")}${answers.length > 10 ? ", …" : ""}.`
            : "") +
          (synth.has(e.key) ? ` The live answer is synthesized from ${synth.get(e.key)} (RRSIG labels field).` : ""),
        remediation: `Add \`${e.owner} ${e.here!.ttl} IN ${e.type} ${e.here!.texts.join(` / `)}\` to the zone the new operator loads, or get a complete export (AXFR) from the old operator.`,
        evidence: entryEvidence(e),
      });
    }
  },
};

const differentInSource: CheckDef = {
  id: "INV-DIFFERENT-IN-SOURCE",
  family: "INV",
  severity: "blocker",
  title: "Every live RRset is identical in the sources",
  run(i, emit) {
    for (const e of unexplained(i.diff.allSources, "rdata").filter((x) => !x.txtSplit)) {
      emit({
        subject: rr(e),
        message: `${rr(e)} differs: live {${show(e.here!.texts)}}, export {${show(e.there!.texts)}}${e.wildcard ? ` — the export lacks the name; its wildcard ${e.wildcard} would answer it with other data (RFC 4592)` : ""}.`,
        remediation: `Decide which value is right and make the zone the new operator loads say \`${e.owner} ${e.type} ${e.here!.texts.join(" / ")}\` unless the change is intended.`,
        evidence: entryEvidence(e),
      });
    }
  },
};

const txtSplit: CheckDef = {
  id: "INV-TXT-SPLIT",
  family: "INV",
  severity: "warning",
  title: "TXT records split into other character-strings",
  run(i, emit) {
    for (const [c, where, side] of [
      [i.diff.allSources, "the exports", "export"],
      [i.diff.oldVsNew, "the new operator", "new"],
    ] as const) {
      for (const e of unexplained(c, "rdata").filter((x) => x.txtSplit)) {
        emit({
          subject: `${rr(e)} (${where})`,
          message: `${rr(e)} is split into other character-strings in ${where}: live {${show(e.here!.texts)}}, ${side} {${show(e.there!.texts)}}. On the wire these are different records, but the concatenated text is the same, and SPF and DKIM consumers concatenate the strings before reading them (RFC 7208 §3.3, RFC 6376 §3.6.2.2).`,
          remediation:
            "Nothing to change for SPF/DKIM/DMARC records; if another consumer reads this TXT string by string, copy the split exactly as it is live.",
          evidence: entryEvidence(e),
        });
      }
    }
  },
};

const ttlDiffers: CheckDef = {
  id: "INV-TTL-DIFFERS",
  family: "INV",
  severity: "warning",
  title: "TTLs match between live, sources and the new side",
  run(i, emit) {
    for (const [c, where] of [
      [i.diff.allSources, "the exports"],
      [i.diff.oldVsNew, "the new operator"],
    ] as const) {
      for (const e of unexplained(c, "ttl")) {
        emit({
          subject: `${rr(e)} (${where})`,
          message: `${rr(e)} has TTL ${e.here!.ttl} live but ${e.there!.ttl} in ${where}.`,
          remediation: "Use the live TTL unless the change is intended; a longer TTL slows a rollback.",
          evidence: entryEvidence(e),
        });
      }
    }
  },
};

const onlyInSource: CheckDef = {
  id: "INV-ONLY-IN-SOURCE",
  family: "INV",
  severity: "warning",
  title: "Records in the sources that are not live",
  run(i, emit) {
    for (const e of unexplained(i.diff.allSources, "only-there")) {
      emit({
        subject: rr(e),
        message: `${rr(e)} (${show(e.there!.texts)}) is in an export but not served live: it will appear with the move.`,
        remediation: "Confirm the record is wanted, or remove it from the zone to load.",
        evidence: entryEvidence(e),
      });
    }
  },
};

const exportIncomplete: CheckDef = {
  id: "INV-EXPORT-INCOMPLETE",
  family: "INV",
  severity: "blocker",
  title: "No live name is absent from every export",
  run(i, emit) {
    const all = i.views.allSources;
    const c = i.diff.allSources;
    if (!all || !c) return;
    const have = new Set([...all.rrsets.values()].map((s) => s.ownerText));
    const collapsed = synthesizedFromMissingWildcard(i);
    const missing = [
      ...new Set(
        unexplained(c, "only-here")
          .filter((e) => !collapsed.has(e.key))
          .map((e) => e.owner),
      ),
    ].filter((o) => !have.has(o));
    if (missing.length === 0) return;
    emit({
      subject: i.zone,
      message: `The export is incomplete: ${missing.length} name(s) answered by the old servers appear in no export: ${missing.join(", ")}.`,
      remediation:
        "Obtain a full copy of the zone (AXFR from the old operator, or its API export) and re-run; panel exports often omit delegations and records created elsewhere.",
      evidence: missing.map((m) => fact(`live name not exported: ${m}`)),
    });
  },
};

const missingAtNew: CheckDef = {
  id: "INV-MISSING-AT-NEW",
  family: "INV",
  severity: "blocker",
  title: "Every live RRset exists at the new operator",
  run(i, emit) {
    for (const e of unexplained(i.diff.oldVsNew, "only-here")) {
      emit({
        subject: rr(e),
        message: `${rr(e)} is served by the old operator (${show(e.here!.texts)}) but the new operator answers without it.`,
        remediation: `Create \`${e.owner} ${e.here!.ttl} IN ${e.type} ${e.here!.texts.join(" / ")}\` at the new operator before switching NS.`,
        evidence: entryEvidence(e),
      });
    }
  },
};

const differentAtNew: CheckDef = {
  id: "INV-DIFFERENT-AT-NEW",
  family: "INV",
  severity: "blocker",
  title: "Every live RRset is identical at the new operator",
  run(i, emit) {
    for (const e of unexplained(i.diff.oldVsNew, "rdata").filter((x) => !x.txtSplit)) {
      emit({
        subject: rr(e),
        message: `${rr(e)} differs: old {${show(e.here!.texts)}}, new {${show(e.there!.texts)}}${e.wildcard ? ` — the new operator lacks the name and answers it from its wildcard ${e.wildcard} (RFC 4592), which masks it` : ""}.`,
        remediation: `Make the new operator serve ${e.owner} ${e.type} ${e.here!.texts.join(" / ")}, or waive if the change is intended.`,
        evidence: entryEvidence(e),
      });
    }
  },
};

/**
/**
 * Why a server holds no usable answer for (owner, type): the error of the answer it gave, or
 * "not asked" (the plan never got there: deadline, query cap, cancelled, or never planned).
 */
function unansweredCauses(snap: Snapshot | null): (label: string, owner: Uint8Array, type: number) => string {
  const index = new Map<string, string>();
  for (const a of snap?.answers ?? []) {
    const k = `${serverLabel(a.server)}|${nameKey(a.question.name)}|${a.question.type}`;
    const cause = a.error
      ? a.error.kind === "deadline" || a.error.kind === "cancelled" || a.error.kind === "query-cap"
        ? "not asked"
        : a.error.kind
      : `rcode ${a.rcode}`;
    // A usable answer anywhere for this question wins over an earlier failure.
    if (!index.has(k) || !a.error) index.set(k, cause);
  }
  return (label, owner, type) => index.get(`${label}|${nameKey(owner)}|${type}`) ?? "not asked";
}

/** Up to `n` items, then how many more. */
export function listSome(xs: readonly string[], n = 20): string {
  return xs.length <= n ? xs.join(", ") : `${xs.slice(0, n).join(", ")} and ${xs.length - n} more`;
}

const unverifiedAtNew: CheckDef = {
  id: "INV-UNVERIFIED-AT-NEW",
  family: "INV",
  severity: "blocker",
  title: "Every live RRset was verified at the new operator",
  run(i, emit) {
    // An RRset the old side serves but the new side never answered about (timeout, SERVFAIL, REFUSED, query cap, deadline)
    // is neither a match nor a difference: missing evidence must not read as parity. One finding per cause.
    const c = i.diff.oldVsNew;
    const o = i.views.oldRef;
    if (!c || !o) return;
    const causeOf = unansweredCauses(i.neu);
    const byCause = new Map<string, { rrsets: Set<string>; servers: Set<string>; evidence: EvidenceRef[] }>();
    const note = (key: string, where: string) => {
      const s = o.rrsets.get(key);
      if (!s) return;
      const cause = causeOf(where, s.owner, s.type);
      let g = byCause.get(cause);
      if (!g) byCause.set(cause, (g = { rrsets: new Set(), servers: new Set(), evidence: [] }));
      g.rrsets.add(`${s.ownerText} ${s.typeText}`);
      g.servers.add(where);
      if (g.evidence.length < 8) g.evidence.push(...s.evidence.slice(0, 1));
    };
    for (const key of c.unchecked) note(key, c.there);
    // Every other server of the new operator too: server-to-server parity skips what a server never answered.
    for (const v of i.views.neu) {
      if (v.label === c.there) continue;
      for (const [key, s] of o.rrsets) if (!v.rrsets.has(key) && !v.asked(s.owner, s.type)) note(key, v.label);
    }
    for (const [cause, g] of [...byCause].sort((a, b) => a[0].localeCompare(b[0]))) {
      const rrsets = [...g.rrsets].sort();
      emit({
        subject: `unverified at the new operator: ${cause}`,
        message: `${rrsets.length} RRset(s) the old operator serves got no usable answer at ${[...g.servers].sort().join(", ")} (${cause}), so nobody knows whether the new operator serves them: ${listSome(rrsets)}.`,
        remediation:
          cause === "not asked"
            ? "Re-run with a longer deadline or a higher query cap (--deadline, --max-queries), or allow AXFR at the new servers."
            : `Find out why the new operator's servers answer ${cause} to these questions and re-run.`,
        evidence: g.evidence,
      });
    }
  },
};

const snapshotIncomplete: CheckDef = {
  id: "INV-SNAPSHOT-INCOMPLETE",
  family: "INV",
  severity: "blocker",
  title: "The live snapshots asked everything they planned",
  run(i, emit) {
    // A run stopped by its deadline or query cap has names it never asked: what it did not see is not
    // evidence that nothing is there (the export-completeness and parity checks would read silence as "fine").
    for (const [side, snap] of [
      ["old", i.old],
      ["new", i.neu],
    ] as const) {
      if (!snap?.incomplete) continue;
      const classes = snap.plan
        ? Object.entries(snap.plan.classes)
            .map(([k, v]) => `${k} ${v.asked}/${v.planned}`)
            .join(", ")
        : null;
      const unverified =
        side === "old"
          ? (i.diff.allSources?.unchecked ?? [])
              .map((k) => i.views.allSources?.rrsets.get(k))
              .flatMap((s) => (s ? [`${s.ownerText} ${s.typeText}`] : []))
          : [];
      emit({
        subject: `${i.zone} (${side} operator snapshot)`,
        message:
          `The ${side} operator's snapshot stopped before every planned query was sent (${snap.incomplete}), so missing or different records may go unseen.` +
          (classes
            ? ` Asked per priority class: ${classes}${snap.plan!.unsent ? `; ${snap.plan!.unsent} question(s) never sent` : ""}.`
            : "") +
          (unverified.length ? ` Unverified (in the exports, never answered live): ${listSome(unverified)}.` : ""),
        remediation:
          "Re-run with a longer deadline or a higher query cap (CUTOVER_MAX_QUERIES_PER_RUN), or fewer names.",
        evidence: [],
      });
    }
  },
};

const extraAtNew: CheckDef = {
  id: "INV-EXTRA-AT-NEW",
  family: "INV",
  severity: "warning",
  title: "Records only the new operator serves",
  run(i, emit) {
    for (const e of unexplained(i.diff.oldVsNew, "only-there")) {
      emit({
        subject: rr(e),
        message: `${rr(e)} (${show(e.there!.texts)}) is served only by the new operator.`,
        remediation: "Confirm it is intended.",
        evidence: entryEvidence(e),
      });
    }
  },
};

const serverMismatch: CheckDef = {
  id: "INV-SERVER-MISMATCH",
  family: "INV",
  severity: "blocker",
  title: "All servers of one operator serve the same data",
  run(i, emit) {
    for (const p of [i.diff.oldServers, i.diff.newServers]) {
      if (!p) continue;
      for (const d of p.disagreements) {
        if (d.type === "SOA" && d.owner === i.zone) continue; // serials: DEL-SOA-SERIAL
        const describe = d.variants
          .map((v) => `${v.servers.join(", ")}: ${v.rrset ? v.rrset.texts.join(" / ") : "absent"}`)
          .join("; ");
        emit({
          subject: `${d.owner} ${d.type}`,
          message: `The ${p.operator} operator's servers disagree on ${d.owner} ${d.type} — ${describe}. Odd one(s) out: ${d.odd.join(", ")}.`,
          remediation: `Resynchronise ${d.odd.join(", ")} from the primary; a resolver gets a different answer depending on the server it picks.`,
          evidence: d.variants.flatMap(
            (v) => v.rrset?.evidence ?? [fact(`${v.servers.join(", ")}: no ${d.type} at ${d.owner}`)],
          ),
        });
      }
    }
  },
};

const explained: CheckDef = {
  id: "INV-EXPLAINED",
  family: "INV",
  severity: "info",
  title: "Expected differences (provider behaviour, operator data)",
  run(i, emit) {
    const seen = new Set<string>();
    for (const [c, where] of [
      ...i.diff.sources.map((s) => [s, s.there] as const),
      [i.diff.oldVsNew, "new operator"] as const,
    ]) {
      for (const e of c?.entries ?? []) {
        if (!e.explained) continue;
        const k = `${where}|${e.key}`;
        if (seen.has(k)) continue;
        seen.add(k);
        emit({
          subject: `${rr(e)} (${where})`,
          message: `${rr(e)} ${e.kind} vs ${where}: expected — ${e.explained}.`,
          remediation: "None needed; listed for completeness.",
          evidence: entryEvidence(e),
        });
      }
    }
  },
};

function apexCnameIn(i: CheckInput): { where: string; evidence: DiffEntry["here"] }[] {
  const out: { where: string; evidence: DiffEntry["here"] }[] = [];
  for (const v of [...i.views.sources, ...i.views.old, ...i.views.neu]) {
    const s = [...v.rrsets.values()].find((x) => x.type === T.CNAME && x.ownerText === i.zone);
    if (s) out.push({ where: v.label, evidence: s });
  }
  return out;
}

const apexCname: CheckDef = {
  id: "INV-APEX-CNAME",
  family: "INV",
  severity: "blocker",
  title: "No CNAME at the apex",
  run(i, emit) {
    for (const a of apexCnameIn(i)) {
      emit({
        subject: `${i.zone} CNAME (${a.where})`,
        message: `${a.where} has a CNAME at the apex ${i.zone}: a CNAME cannot coexist with the SOA and NS there (RFC 1034 §3.6.2, RFC 2181 §10.1).`,
        remediation: `Replace it with the new operator's ALIAS/ANAME/flattening feature, or A/AAAA records of ${a.evidence!.texts[0]}.`,
        evidence: a.evidence!.evidence,
      });
    }
  },
};

const wildcard: CheckDef = {
  id: "INV-WILDCARD",
  family: "INV",
  severity: "warning",
  title: "Wildcards are compared exactly",
  run(i, emit) {
    const owners = new Set<string>();
    for (const v of [...i.views.sources, ...(i.views.oldRef ? [i.views.oldRef] : [])])
      for (const s of v.rrsets.values()) if (s.ownerText.startsWith("*.")) owners.add(s.ownerText);
    if (i.old?.wildcard) owners.add(`*.${i.zone}`);
    const synthesized = [
      ...new Set([...(i.diff.allSources?.synthesized ?? []), ...(i.diff.oldVsNew?.synthesized ?? [])]),
    ];
    for (const o of owners) {
      emit({
        subject: o,
        message: `Wildcard ${o} answers every name below it that does not exist otherwise (RFC 4592): a name missing at the new side is masked by it instead of failing, so per-name probes cannot prove completeness below ${o.slice(2)}.`,
        remediation:
          "Make sure the wildcard RRsets are identical at the new operator (they are compared exactly) and list every explicit name below it in the export.",
        evidence: [
          fact(`wildcard ${o}${i.old?.wildcard ? "; a random label was answered by the old servers" : ""}`),
          ...(synthesized.length
            ? [
                fact(
                  `${synthesized.length} RRset(s) answered by synthesis on one side and by the same wildcard data on the other: not counted as missing`,
                ),
              ]
            : []),
        ],
      });
    }
  },
};

const nxParity: CheckDef = {
  id: "INV-NXDOMAIN-PARITY",
  family: "INV",
  severity: "warning",
  title: "NXDOMAIN vs NODATA parity between old and new",
  run(i, emit) {
    const o = i.views.oldRef;
    const n = i.views.newRef;
    if (!o || !n || !i.old || !i.neu) return;
    const rcodes = (snap: typeof i.old, label: string) => {
      const m = new Map<string, number>();
      for (const a of snap!.answers) {
        if (a.error || a.rcode === null || !a.flags?.aa) continue;
        const lbl = `${a.server.name} ${a.server.address.includes(":") ? `[${a.server.address}]` : a.server.address}:${a.server.port}`;
        if (lbl !== label) continue;
        const q = nameToText(a.question.name).toLowerCase();
        if (q.startsWith("_cutover-probe-")) continue;
        if (!m.has(q)) m.set(q, a.rcode);
        else if (a.rcode === 0) m.set(q, 0);
      }
      return m;
    };
    const ro = rcodes(i.old, o.label);
    const rn = rcodes(i.neu, n.label);
    const flagged = new Set([...(i.diff.oldVsNew?.entries ?? [])].map((e) => e.owner));
    for (const [q, rc] of ro) {
      const other = rn.get(q);
      if (other === undefined || other === rc || flagged.has(q)) continue;
      emit({
        subject: q,
        message: `${q}: the old operator answers ${rc === 3 ? "NXDOMAIN" : "NOERROR (the name exists)"}, the new one ${other === 3 ? "NXDOMAIN" : "NOERROR"}. An empty non-terminal or a deleted name changes how resolvers cache everything below it (RFC 8020).`,
        remediation: "Make the name exist (or not) on both sides alike.",
        evidence: [fact(`${o.label}: rcode ${rc}`), fact(`${n.label}: rcode ${other}`)],
      });
    }
  },
};

const importProblems: CheckDef = {
  id: "INV-IMPORT-FAILED",
  family: "INV",
  severity: "blocker",
  title: "Every source was imported",
  run(i, emit) {
    for (const s of i.sources) {
      const errors = s.result.diagnostics.filter((d) => d.severity === "error");
      if (s.result.report.ok && errors.length === 0) continue;
      emit({
        subject: `source ${s.name}`,
        message: s.result.report.ok
          ? `${s.name}: ${errors.length} record(s) could not be read (first: ${errors[0].file}:${errors[0].line}:${errors[0].column} ${errors[0].code} ${errors[0].message}).`
          : `${s.name} could not be imported: ${errors.map((d) => d.message).join("; ") || "unusable input"}.`,
        remediation: "Fix or re-export the file; records that could not be read are not compared.",
        evidence: errors.slice(0, 8).map((d) => ({
          kind: "source" as const,
          file: d.file,
          line: d.line,
          text: `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`,
        })),
      });
    }
  },
};

export const INV_CHECKS: CheckDef[] = [
  missingInSource,
  differentInSource,
  txtSplit,
  ttlDiffers,
  onlyInSource,
  exportIncomplete,
  missingAtNew,
  differentAtNew,
  unverifiedAtNew,
  snapshotIncomplete,
  extraAtNew,
  serverMismatch,
  explained,
  apexCname,
  wildcard,
  nxParity,
  negativeTtlParity,
  importProblems,
];
export type { Emit };
