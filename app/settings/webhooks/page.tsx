import { pageCall, pageStaff } from "@/app/_lib/auth";
import { Card } from "@/app/_components/ui/card";
import { SettingsPage, utcText } from "../_components/settings-page";
import { NOTIFICATION_EVENTS } from "@/lib/app/notifications/from-audit";
import { REMINDER_EVENTS } from "@/lib/app/reminders/reminder-text";
import { getWebhookSettings } from "@/lib/app/webhooks/list";
import { WebhookPanel } from "./_components/webhook-panel";

export const dynamic = "force-dynamic";
export const metadata = { title: "Webhooks" };

const at = (d: Date | null) => utcText(d, "second");

export default async function WebhooksPage() {
  const staff = await pageStaff();
  const s = await pageCall(() => getWebhookSettings(staff));
  return (
    <SettingsPage title="Webhooks">
      <Card title="Organisation webhooks" testId="webhooks">
        <p className="mb-4 text-sm text-slate-700">
          Cutover POSTs a JSON event to each URL for: {[...NOTIFICATION_EVENTS, ...REMINDER_EVENTS].join(", ")}. The{" "}
          <code>X-Cutover-Signature</code> header is <code>sha256=</code> and the hex HMAC-SHA256 of the body under the
          webhook&apos;s secret; failed deliveries are retried with growing delays. Receivers de-duplicate on the
          event&apos;s <code>id</code>.
        </p>
        <WebhookPanel
          endpoints={s.endpoints.map((e) => ({
            id: e.id,
            url: e.url,
            createdBy: e.createdBy,
            createdAt: at(e.createdAt)!,
          }))}
        />
      </Card>
      <Card title="Delivery log" testId="webhook-deliveries">
        {s.deliveries.length === 0 ? (
          <p className="text-sm text-slate-600">No deliveries yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="py-1 font-medium">Event</th>
                <th className="py-1 font-medium">Created</th>
                <th className="py-1 font-medium">Status</th>
                <th className="py-1 font-medium">Attempts</th>
                <th className="py-1 font-medium">Last answer</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {s.deliveries.map((d) => (
                <tr key={d.id} data-testid="delivery-item" data-event={d.eventType}>
                  <td className="py-2 font-mono">{d.eventType}</td>
                  <td className="py-2">{at(d.createdAt)}</td>
                  <td className="py-2" data-testid="delivery-status">
                    {d.status}
                    {d.status === "pending" && d.nextAttemptAt ? ` (next attempt ${at(d.nextAttemptAt)})` : ""}
                  </td>
                  <td className="py-2">{d.attempts}</td>
                  <td className="py-2">{d.lastError ?? (d.lastStatus ? `HTTP ${d.lastStatus}` : "")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </SettingsPage>
  );
}
