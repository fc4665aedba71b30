import { pageCall, pageStaff } from "@/app/_lib/auth";
import { Card } from "@/app/_components/ui/card";
import { SettingsPage, utcText } from "../_components/settings-page";
import { listApiTokens } from "@/lib/app/api-tokens/list";
import { TokenPanel } from "./_components/token-panel";

export const dynamic = "force-dynamic";
export const metadata = { title: "API tokens" };

const at = (d: Date | null) => utcText(d, "minute");

export default async function ApiTokensPage() {
  const staff = await pageStaff();
  const tokens = await pageCall(() => listApiTokens(staff));
  return (
    <SettingsPage title="API tokens">
      <Card title="Organisation API tokens" testId="api-tokens">
        <p className="mb-4 text-sm text-slate-700">
          A token lets a script or the command line (<code>cutover check --server … --token …</code>) use the HTTP API
          as your organisation — described at{" "}
          <a href="/api/openapi.json" className="underline">
            /api/openapi.json
          </a>
          . <strong>Read</strong> tokens see transfers, runs, findings, schedules and checklists; <strong>write</strong>{" "}
          tokens also create transfers, upload exports, start and cancel runs, decide findings, set the window and sign
          revisions — decisions are recorded as yours, naming the token.
        </p>
        <TokenPanel
          tokens={tokens.map((t) => ({
            id: t.id,
            name: t.name,
            scope: t.scope,
            createdBy: t.createdByName,
            createdAt: at(t.createdAt)!,
            lastUsedAt: at(t.lastUsedAt),
            revokedAt: at(t.revokedAt),
          }))}
        />
      </Card>
    </SettingsPage>
  );
}
