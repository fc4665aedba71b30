import type { Metadata } from "next";
import { headers } from "next/headers";
import { cache } from "react";
import { notFound } from "next/navigation";
import { clientIp } from "@/app/_lib/auth";
import { Card } from "@/app/_components/ui/card";
import { DomainName } from "@/app/_components/ui/domain-name";
import { UploadForm } from "@/app/transfers/[id]/_components/upload-form";
import { isAppError } from "@/lib/errors/app-error";
import { getInvitePage, type InvitePage } from "@/lib/app/invites/get-invite-page";
import { uploadLimits } from "@/lib/config/upload-limits";
import { OwnerQuestionsForm } from "./_components/owner-questions-form";

export const dynamic = "force-dynamic";
// The token is a bearer secret: keep it out of the title, referrers (next.config sets no-referrer) and robots.
// One lookup per request for the title and the page (React cache), so the invite's rate limit counts one visit once.
const invitePage = cache(async (token: string) => getInvitePage({ token, ip: clientIp(await headers()) }));

/** The domain in the title once the invite is valid; an invalid one's title says nothing more than the 404 does. */
export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  const domain = await invitePage((await params).token).then(
    (v) => v.transfer.domainUnicode || v.transfer.domainAscii,
    () => undefined,
  );
  return { title: domain ? `Invitation · ${domain}` : "Invitation", robots: { index: false, follow: false } };
}

/**
 * A maintainer's invite to ONE transfer: upload exports and
 * answer the owner's questions, nothing else. Access is checked in lib
 * (rate limit, hash lookup, expiry, revocation); every failure is the same 404.
 */
export default async function InvitePageView({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let view: InvitePage;
  try {
    view = await invitePage(token);
  } catch (e) {
    if (isAppError(e)) notFound();
    throw e;
  }
  const t = view.transfer;
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-500">You are invited to help with the transfer of</p>
        <h1 className="text-2xl font-semibold" data-testid="invite-domain">
          <DomainName ascii={t.domainAscii} unicode={t.domainUnicode} />
        </h1>
        <p className="text-xs text-slate-500">
          Invitation for {view.actor.label}; valid until {view.expiresAt.toISOString().slice(0, 16).replace("T", " ")}{" "}
          UTC.
        </p>
      </div>
      <Card title={`Exports you uploaded or we already have (${view.sources.length})`} testId="invite-sources">
        {view.sources.length === 0 ? (
          <p className="text-sm text-slate-600">None yet.</p>
        ) : (
          <ul className="list-disc pl-5 text-sm">
            {view.sources.map((s) => (
              <li key={s.id} data-testid="invite-source">
                {s.label} ({s.recordCount} records)
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Upload zone exports" testId="invite-upload">
        <UploadForm transferId={t.id} limits={uploadLimits()} inviteToken={token} />
      </Card>
      <Card title="The owner's questions" testId="invite-questions">
        <OwnerQuestionsForm token={token} current={{ dnsHostingMoves: t.dnsHostingMoves, ...view.answers }} />
      </Card>
    </div>
  );
}
