import type { Metadata } from "next";
import { GLOSSARY, glossaryAnchor } from "@/lib/checks/glossary";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Glossary of checks" };

const SEVERITY_CLASS = {
  blocker: "bg-red-100 text-red-900",
  warning: "bg-amber-100 text-amber-900",
  info: "bg-slate-100 text-slate-800",
} as const;

/** Every check id of the catalogue with what it means and how to fix it; findings link to `#check-<id>`. Holds no transfer data, so it needs no sign-in. */
export default function GlossaryPage() {
  const families = [...new Set(GLOSSARY.map((g) => g.family))];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Glossary of checks</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every check Cutover runs ({GLOSSARY.length}): what a finding means for the move and how to fix it. Blockers
          must be fixed or waived by a named person with a reason; warnings must be acknowledged.
        </p>
      </div>
      <nav aria-label="Families" className="flex flex-wrap gap-2 text-sm">
        {families.map((f) => (
          <a
            key={f}
            href={`#family-${f}`}
            className="inline-flex min-h-6 items-center rounded border border-slate-300 bg-white px-2 py-1 font-mono"
          >
            {f}
          </a>
        ))}
      </nav>
      {families.map((fam) => (
        <section key={fam} id={`family-${fam}`} className="space-y-3" data-testid="glossary-family">
          <h2 className="font-mono text-lg font-semibold">{fam}</h2>
          <dl className="space-y-3">
            {GLOSSARY.filter((g) => g.family === fam).map((g) => (
              <div
                key={g.id}
                id={glossaryAnchor(g.id)}
                className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 target:ring-2 target:ring-slate-500"
                data-testid="glossary-entry"
                data-check={g.id}
              >
                <dt className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                  <span className="font-mono text-sm font-semibold">{g.id}</span>
                  <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${SEVERITY_CLASS[g.severity]}`}>
                    {g.severity}
                  </span>
                  <span className="font-medium" data-testid="glossary-problem">
                    {g.problem}
                  </span>
                </dt>
                <dd className="mt-2 space-y-1 text-sm">
                  <p className="text-slate-600">Requires: {g.title}</p>
                  <p data-testid="glossary-meaning">{g.meaning}</p>
                  {g.fix && (
                    <p data-testid="glossary-fix">
                      <span className="font-semibold">How to fix: </span>
                      {g.fix}
                    </p>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
