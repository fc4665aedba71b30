import type { Metadata } from "next";
import { headers } from "next/headers";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getSignoffView } from "@/lib/app/links/signoff-by-link";
import { isAppError } from "@/lib/errors/app-error";
import { PARTY_ROLE_LABELS } from "@/lib/schedule/parties";
import { Card } from "@/app/_components/ui/card";
import { RevisionDocument } from "@/app/transfers/[id]/checklist/_components/revision-document";
import { SignoffForm } from "./_components/signoff-form";

const noGoCount = (n: number) => `${n} open blocker${n === 1 ? "" : "s"}`;
import { clientAddress } from "./client-address";

export const dynamic = "force-dynamic";
// The token is a bearer secret: keep it out of the title, referrers (next.config sets no-referrer) and robots.
// One lookup per request for the title and the page (React cache), so the link's rate limit counts one visit once.
// Every refusal (wrong, revoked, expired, rate-limited) is the same 404: null here.
const signoffView = cache(async (token: string) =>
  getSignoffView({ token, ip: clientAddress(await headers()) }).catch((e: unknown) => {
    if (isAppError(e)) return null;
    throw e;
  }),
);

/** The domain in the title once the link is valid; an invalid link's title says nothing more than the 404 does. */
export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  const view = await signoffView((await params).token);
  const domain = view?.revision?.transfer.domain;
  return { title: domain ? `Sign off · ${domain}` : "Sign off", robots: { index: false, follow: false } };
}

export default async function SignPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  // Access is checked in lib (rate limit, hash lookup, expiry, revocation); every failure is the same 404.
  const view = await signoffView(token);
  if (view === null) notFound();
  const role = PARTY_ROLE_LABELS[view.role];
  return (
    <div className="space-y-6 [overflow-wrap:anywhere]">
      <div>
        <p className="text-sm text-slate-500">Sign-off as</p>
        <h1 className="text-2xl font-semibold" data-testid="sign-role">
          {role}
        </h1>
        <p className="text-xs text-slate-500">This link expires {view.linkExpiresAt}.</p>
      </div>
      {view.revision === null || view.digest === null ? (
        <Card>
          <p>There is no checklist revision to sign yet.</p>
        </Card>
      ) : (
        <>
          <Card title="Verdict" testId="sign-verdict">
            <p className="text-lg">
              Revision {view.revision.revisionNumber}:{" "}
              <strong
                className={view.revision.verdict.decision === "go" ? "text-green-700" : "text-red-700"}
                data-testid="sign-verdict-decision"
              >
                {view.revision.verdict.decision === "go" ? "GO" : "NO-GO"}
              </strong>
              {view.openBlockers.length > 0 &&
                ` — ${view.openBlockers.length} open blocker${view.openBlockers.length === 1 ? "" : "s"}`}
            </p>
            {view.openBlockers.length > 0 && (
              <ul className="mt-2 list-disc pl-5 text-sm [overflow-wrap:anywhere]">
                {view.openBlockers.map((b, i) => (
                  <li key={i} data-testid="sign-blocker">
                    <span className="font-mono">{b.checkId}</span> at {b.subject}: {b.message}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="What changed since you last signed" testId="changes-since">
            {view.lastSeen === null ? (
              <p className="text-sm">This is the first revision you are asked to sign.</p>
            ) : view.lastSeen.changes.length === 0 ? (
              <p className="text-sm">Nothing changed since revision {view.lastSeen.revisionNumber}.</p>
            ) : (
              <>
                <p className="text-sm">Since revision {view.lastSeen.revisionNumber}:</p>
                <ul className="list-disc pl-5 text-sm" data-testid="change-item-list">
                  {view.lastSeen.changes.map((c, i) => (
                    <li key={i} data-testid="change-item">
                      {c}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Card>
          <Card title="Your decision" testId="decision-card">
            {view.mine ? (
              <p data-testid="sign-result">
                You ({view.mine.signerName}){" "}
                {view.mine.decision === "approve" ? "approved" : `rejected (${view.mine.reason})`} revision{" "}
                {view.mine.revisionNumber}
                {view.mine.decision === "approve" && view.mine.noGo
                  ? ` although the verdict is NO-GO (${noGoCount(view.mine.noGo.openBlockers)})`
                  : ""}{" "}
                at {view.mine.signedAt}.
              </p>
            ) : (
              <>
                <p className="mb-3 break-all text-xs">
                  Your decision binds to revision {view.revision.revisionNumber}, SHA-256{" "}
                  <span className="font-mono" data-testid="sign-digest">
                    {view.digest}
                  </span>
                  .
                </p>
                <SignoffForm
                  token={token}
                  digest={view.digest}
                  noGo={view.noGoStatement === null ? null : { statement: view.noGoStatement }}
                />
              </>
            )}
          </Card>
          <Card testId="sign-revision">
            <RevisionDocument revision={view.revision} digest={view.digest} />
          </Card>
        </>
      )}
    </div>
  );
}
