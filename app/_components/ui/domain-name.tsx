/** A domain in both forms (DESIGN §3: IDNs shown in Unicode and A-label). */
export function DomainName({ ascii, unicode }: { ascii: string; unicode: string }) {
  if (ascii === unicode) return <span data-testid="domain-name">{ascii}</span>;
  return (
    <span data-testid="domain-name">
      {unicode} <span className="font-mono text-sm text-slate-500">({ascii})</span>
    </span>
  );
}
