import { Card } from "./ui/card";

/**
 * What a sign-off or invite link shows when it cannot be used: one page, one
 * status (404) and one text for revoked, expired and unknown tokens, so the
 * page never tells a prober which tokens exist (lib/app/links/signoff-token.ts).
 */
export function LinkInvalid() {
  return (
    <Card testId="link-invalid">
      <h1 className="mb-2 text-xl font-semibold">This link is no longer valid</h1>
      <p className="text-sm text-slate-700">
        It may have been revoked or replaced, it may have expired, or it was copied incompletely. Ask the person who
        sent you the link — the coordinator of the domain transfer — for a new one.
      </p>
    </Card>
  );
}
