// Next.js server start-up hook: sweep runs orphaned by a crashed instance now and
// periodically (lib/app/runs/recover-runs.ts), not only when someone opens a run.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startRunSweeper } = await import("./lib/app/runs/recover-runs");
  await startRunSweeper().catch(() => undefined);
  // Audit entries that people are told about go out as webhooks (lib/app/notifications).
  const { startNotifications } = await import("./lib/app/notifications/register");
  startNotifications();
}
