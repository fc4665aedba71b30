import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { expect, test } from "./support/test";
import { ChecklistPage } from "./pages/checklist-page";

/** Seeds through lib/ in a tsx child process, against the server's database (as checklist.spec.ts). */
function seed(command: string, arg: object): { id?: string } {
  const dbUrl = `file:${join(process.env.CUTOVER_E2E_DATA_DIR!, "e2e.db")}`;
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      "./lib/node/server-only.mjs",
      "e2e/support/seed-checklist.ts",
      command,
      JSON.stringify(arg),
    ],
    { env: { ...process.env, DATABASE_URL: dbUrl }, encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`seed ${command} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!);
}

const VIEWER_ZONE = "America/New_York";

/** datetime-local value `days` after today in the viewer's zone, at `time`. */
function localInput(days: number, time: string): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: VIEWER_ZONE }).format(new Date());
  return `${new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;
}

test.use({ timezoneId: VIEWER_ZONE });

test("the schedule timeline shows the plan against the measured minimums, on the page and in the printable view", async ({
  page,
}) => {
  const domain = `timeline-${randomBytes(4).toString("hex")}.test`;
  const { id } = seed("transfer", { domain });

  await page.goto(`/transfers/${id}/schedule`);
  await expect(page.getByTestId("schedule-timeline-empty")).toBeVisible();
  // A window of 27 h against the seeded run's 2 d 1 h minimum; TTLs lowered two days ahead (≥ 1 d 1 h needed).
  await page.getByLabel("Window start").fill(localInput(3, "09:00"));
  await page.getByLabel("Window end").fill(localInput(4, "12:00"));
  await page.getByLabel("TTL lowering planned at").fill(localInput(1, "09:00"));
  await page.getByLabel("Owner's time zone").fill("Europe/Berlin");
  await page.getByTestId("save-window").click();
  await expect(page.getByTestId("window-status")).toHaveText("Window saved");
  // Its reminders are planned; this server has no SMTP, and the page says so.
  const reminders = page.getByTestId("reminders-card");
  await expect(reminders.getByTestId("reminders-mail")).toContainText("E-mail is off on this server");
  await expect(reminders.getByTestId("reminder")).toHaveCount(3);
  for (const kind of ["lower-ttls", "window-start", "restore-ttls"])
    await expect(reminders.locator(`[data-kind="${kind}"]`)).toHaveAttribute("data-status", "planned");

  const figure = page.getByTestId("timeline-card").getByTestId("schedule-timeline");
  // Labels switch to the viewer's zone in the browser; the owner's zone judges weekends.
  await expect(figure.getByTestId("timeline-zone")).toHaveText(VIEWER_ZONE);
  const svg = figure.getByRole("img", { name: /Transfer timeline: TTL lowering, window, overlap/ });
  await expect(svg).toBeVisible();
  await expect(svg).toHaveAccessibleDescription(
    /^Times in America\/New_York\. TTL lowering planned .* Window from .* minimum 2 d 1 h\. Old servers must keep serving until .*Window too short:/,
  );
  await expect(figure.locator('[data-testid="timeline-check"][data-check="window-length"]')).toHaveAttribute(
    "data-ok",
    "false",
  );
  await expect(figure.locator('[data-testid="timeline-check"][data-check="window-length"]')).toContainText(
    "at least 2 d 1 h needed",
  );
  await expect(figure.locator('[data-testid="timeline-check"][data-check="ttl-lowering"]')).toHaveAttribute(
    "data-ok",
    "true",
  );
  await expect(figure.getByTestId("timeline-window")).toHaveAttribute("data-status", "short");
  await expect(figure.getByTestId("timeline-window")).toContainText("TOO SHORT");
  await expect(figure.getByTestId("timeline-overlap")).toBeVisible();
  await expect(figure.getByTestId("timeline-retire")).toBeVisible();
  await expect(figure.getByTestId("timeline-now")).toBeVisible();
  // Day ticks are local midnights in the viewer's zone; hover text carries UTC.
  await expect(figure.getByTestId("timeline-day-tick").first()).toHaveText(
    /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) \d{1,2} [A-Z][a-z]{2}$/,
  );
  await expect(figure.getByTestId("timeline-legend")).toContainText("Minimum window 2 d 1 h");
  await expect(figure.getByTestId("timeline-legend")).toContainText(
    "Overlap: old servers keep serving 2 d 1 h after the window; may be retired from",
  );
  await figure.scrollIntoViewIfNeeded();
  await page.getByTestId("timeline-card").screenshot({ path: "e2e/artifacts/schedule-timeline.png" });

  // The same picture in the printable checklist, drawn from the frozen revision.
  const checklist = new ChecklistPage(page);
  await page.getByTestId("to-checklist").click();
  await checklist.createRevision(1);
  await page.getByTestId("printable").click();
  const printed = page.getByTestId("print-timeline").getByTestId("schedule-timeline");
  await expect(printed.getByRole("img", { name: /Transfer timeline/ })).toHaveAccessibleDescription(
    /Window too short:/,
  );
  await expect(printed.getByTestId("timeline-now")).toContainText("revision created");
  await page.emulateMedia({ media: "print" });
  await page.getByTestId("print-timeline").screenshot({ path: "e2e/artifacts/schedule-timeline-print.png" });
});
