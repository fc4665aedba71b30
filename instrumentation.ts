// Next.js server start-up hook: sweep runs orphaned by a crashed instance now and
// periodically (lib/app/runs/recover-runs.ts), not only when someone opens a run; on
// PostgreSQL also work the live-check queue here unless CUTOVER_WORKER=off (lib/app/jobs).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startRunSweeper } = await import("./lib/app/runs/recover-runs");
  await startRunSweeper().catch(() => undefined);
  // Audit entries that people are told about go out as webhooks (lib/app/notifications).
  const { startNotifications } = await import("./lib/app/notifications/register");
  startNotifications();
  // Window reminders and due webhook retries: on SQLite swept here on an interval, on PostgreSQL by the queue.
  const { startNotificationSweeper } = await import("./lib/app/notifications/sweep");
  startNotificationSweeper();
  const { startInlineWorkerAtBoot } = await import("./lib/app/jobs/inline-at-boot");
  // console.error, not process.stderr: this file is also compiled for the Edge runtime, which has no process.stderr.
  await startInlineWorkerAtBoot().catch((e: unknown) =>
    console.error(`cutover: the inline queue worker did not start: ${(e as Error)?.message ?? e}`),
  );
}
