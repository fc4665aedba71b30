import type { Revision } from "@/lib/checklist/revision";
import type { Signoff } from "@/lib/checklist/signoff";
import { PARTY_ROLE_LABELS } from "@/lib/schedule/parties";
import { formatLocal } from "@/lib/schedule/zoned-time";
import { deciderText } from "@/app/_lib/decider-text";

/** A sign-off's signer: the name typed on the link's page is self-declared; the link (id, role) is what is proven. */
export function signerText(s: Pick<Signoff, "signerName" | "linkId">): string {
  return `${s.signerName} (self-declared${s.linkId ? `, link ${s.linkId}` : ""})`;
}

/** A sign-off's decision; an approval of a NO-GO revision says so (the signer confirmed it, lib/checklist/signoff.ts). */
export function decisionText(s: Signoff): string {
  if (s.decision === "reject") return `rejected: ${s.reason}`;
  return s.noGo ? `approved despite NO-GO (${s.noGo.openBlockers} open blocker${s.noGo.openBlockers === 1 ? "" : "s"})` : "approved";
}

const STATE_TEXT = (f: Revision["findings"][number]) => {
  const s = f.state;
  switch (s.status) {
    case "open":
      return "open";
    case "fixed":
      return `fixed${s.at ? ` (${s.at})` : ""}`;
    case "waived":
      return `waived by ${deciderText(s)} at ${s.at}: ${s.reason}`;
    case "acknowledged":
      return `acknowledged by ${deciderText(s)} at ${s.at}${s.note ? `: ${s.note}` : ""}`;
  }
};

/** One revision as a read-only document: used by the checklist page, the printable view and the sign-off page. */
export function RevisionDocument({ revision, digest, keyId, signoffs }: { revision: Revision; digest: string; keyId?: string; signoffs?: (Signoff & { stale?: boolean })[] }) {
  const r = revision;
  const w = r.window;
  return (
    // Findings quote names and RDATA with no break opportunity (DKIM keys): wrap anywhere rather than widen the page.
    <article className="space-y-5 text-sm [overflow-wrap:anywhere]" data-testid="revision-document">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold">
          {r.transfer.domain} — checklist revision <span data-testid="doc-revision-number">{r.revisionNumber}</span>
        </h2>
        <p>
          Verdict:{" "}
          <strong data-testid="doc-verdict" className={r.verdict.decision === "go" ? "text-green-700" : "text-red-700"}>
            {r.verdict.decision === "go" ? "GO" : "NO-GO"}
          </strong>{" "}
          · created {r.createdAt}
        </p>
        <p className="break-all font-mono text-xs">
          SHA-256 <span data-testid="doc-digest">{digest}</span>
          {keyId && (
            <>
              {" "}
              · key id <span data-testid="doc-key-id">{keyId}</span>
            </>
          )}
        </p>
        <ul className="list-disc pl-5 text-slate-700">
          {r.verdict.reasons.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      </header>
      <section>
        <h3 className="font-semibold">Transfer</h3>
        <p>
          {r.transfer.losingRegistrar} → {r.transfer.gainingRegistrar}; DNS {r.transfer.losingDnsOperator} → {r.transfer.gainingDnsOperator}; DNS hosting moves: {r.dnsHostingMoves ? "yes" : "no"}
        </p>
        <p className="break-all font-mono text-xs">snapshot {r.snapshotDigest ?? "none"}</p>
        <ul className="font-mono text-xs">
          {r.sources.map((s, i) => (
            <li key={i} className="break-all">
              {s.fileName} ({s.format}) {s.sha256}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h3 className="font-semibold">Findings ({r.findings.length})</h3>
        {/* Fixed layout with wrapping anywhere: long owner names and check ids break inside their column, so the
            table never grows past its card or the printed page and the State column is always there. */}
        <table className="w-full table-fixed border-collapse text-left text-xs [overflow-wrap:anywhere]" data-testid="doc-findings">
          <colgroup>
            <col className="w-[4.5rem]" />
            <col className="w-[18%]" />
            <col className="w-[20%]" />
            <col />
            <col className="w-[28%]" />
          </colgroup>
          <thead>
            <tr className="border-b">
              <th className="py-1 pr-2">Severity</th>
              <th className="pr-2">Check</th>
              <th className="pr-2">Subject</th>
              <th className="pr-2">Message</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {r.findings.map((f) => (
              <tr key={f.id} className="break-inside-avoid border-b align-top" data-testid="doc-finding" data-check={f.checkId} data-state={f.state.status}>
                <td className="py-1 pr-2">{f.severity}</td>
                <td className="pr-2 font-mono">{f.checkId}</td>
                <td className="pr-2">{f.subject}</td>
                <td className="pr-2">{f.message}</td>
                <td data-testid="doc-finding-state">{STATE_TEXT(f)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h3 className="font-semibold">Window</h3>
        {w ? (
          <p data-testid="doc-window">
            {formatLocal(new Date(w.start), w.timeZone)} → {formatLocal(new Date(w.end), w.timeZone)} (UTC {w.start} → {w.end}); TTL lowering {w.ttlLoweringAt ?? "not planned"}
          </p>
        ) : (
          <p>Not scheduled.</p>
        )}
      </section>
      <section>
        <h3 className="font-semibold">Parties</h3>
        <ul className="space-y-1" data-testid="doc-parties">
          {r.parties.map((p) => (
            <li key={p.role}>
              <strong>{PARTY_ROLE_LABELS[p.role]}</strong>: {p.organisation} — {p.contacts.map((c) => [c.name, c.email, c.phone].filter(Boolean).join(" ")).join("; ")}; escalation{" "}
              {p.escalation ? `${p.escalation.channel} ${p.escalation.target}` : "none"}; on call {p.onCall.confirmed ? `confirmed by ${p.onCall.by}` : "not confirmed"}
            </li>
          ))}
        </ul>
      </section>
      {signoffs && (
        <section>
          <h3 className="font-semibold">Sign-offs</h3>
          {signoffs.length === 0 ? (
            <p>None yet.</p>
          ) : (
            <ul data-testid="doc-signoffs">
              {signoffs.map((s, i) => (
                <li key={i}>
                  {PARTY_ROLE_LABELS[s.role]}: <span data-testid="doc-signer">{signerText(s)}</span> {decisionText(s)} revision {s.revisionNumber} at {s.signedAt}
                  {s.stale ? " — stale" : ""}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </article>
  );
}
