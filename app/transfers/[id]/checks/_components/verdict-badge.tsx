export function VerdictBadge({ verdict, large }: { verdict: string; large?: boolean }) {
  const go = verdict === "go";
  return (
    <span
      data-testid="verdict-badge"
      className={`inline-block rounded font-bold ${large ? "px-4 py-2 text-2xl" : "px-2 py-0.5 text-xs"} ${go ? "bg-emerald-100 text-emerald-900" : "bg-red-100 text-red-900"}`}
    >
      {go ? "GO" : "NO-GO"}
    </span>
  );
}
