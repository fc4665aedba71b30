/**
 * Wildcard synthesis seen in signatures (RFC 4035 §5.3.4): an RRSIG whose
 * labels field is smaller than its owner's label count signs an answer
 * synthesized from `*.<the last labels labels>`. In a signed zone the live
 * RRsets the exports lack are asked once more with DO=1 to tell names the
 * zone holds from names a wildcard answers.
 */
import { queryServer } from "../../dns/query-server";
import type { Snapshot } from "../../dns/run-snapshot";
import type { QuerySession } from "../../dns/session";
import type { ZoneViews } from "../../diff/build-diff";
import { labelCount, labels, namesEqual } from "../../zone/name";
import { T } from "../../zone/rrtype";
import { parseRrsig } from "../dnssec";

export interface SynthesisProbe {
  /** RRset key (lib/diff/zone-view.ts rrsetKey) of the live RRset. */
  key: string;
  owner: string;
  type: number;
  /** The wildcard that synthesized it ("*.example.") per the RRSIG labels field. */
  wildcard: string;
}

/** At most this many extra questions per review (only RRsets the exports lack are asked). */
const MAX_SYNTHESIS_QUESTIONS = 300;

export async function probeSynthesis({
  session,
  old,
  views,
  signed,
}: {
  session: QuerySession;
  old: Snapshot | null;
  views: ZoneViews;
  signed: boolean;
}): Promise<SynthesisProbe[]> {
  const ref = views.oldRef;
  const all = views.allSources;
  if (!signed || !old || !ref || !all) return [];
  const server = old.servers.find(
    (s) =>
      s.authoritative && `${s.name} ${s.address.includes(":") ? `[${s.address}]` : s.address}:${s.port}` === ref.label,
  );
  if (!server) return [];
  const owners = new Set([...all.rrsets.values()].map((s) => s.ownerText));
  const candidates = [...ref.rrsets.values()]
    .filter((s) => !owners.has(s.ownerText) && !s.ownerText.startsWith("*."))
    .slice(0, MAX_SYNTHESIS_QUESTIONS);
  const out: SynthesisProbe[] = [];
  for (const s of candidates) {
    const a = await queryServer(
      session,
      { name: server.name, address: server.address, port: server.port },
      { name: s.owner, type: s.type, class: 1 },
      { dnssecOk: true },
    );
    const sig = a.records.find(
      (r) =>
        r.section === "answer" &&
        r.type === T.RRSIG &&
        namesEqual(r.owner, s.owner) &&
        parseRrsig(r.rdata)?.typeCovered === s.type,
    );
    const f = sig ? parseRrsig(sig.rdata) : null;
    if (!f || f.labels >= labelCount(s.owner)) continue;
    const tail = labels(s.owner)
      .slice(-f.labels)
      .map((l) => Buffer.from(l).toString("latin1").toLowerCase());
    out.push({ key: s.key, owner: s.ownerText, type: s.type, wildcard: `*.${tail.join(".")}.` });
  }
  return out;
}
