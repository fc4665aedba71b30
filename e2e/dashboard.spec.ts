/**
 * The dashboard of transfers: each row's stage, latest verdict with open counts, window, sign-offs and last
 * activity; search and filters carried in the URL; archive hides a transfer until a filter shows it again, and the
 * audit log holds one entry per change even on a double click.
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "./support/test";
import { DashboardPage } from "./pages/dashboard-page";
import { seedCockpit } from "./support/seed-cockpit-call";

test("rows show stage, verdict, window and sign-offs; filters live in the URL; archive hides and the filter shows it", async ({
  page,
}) => {
  const tag = `dash${randomBytes(3).toString("hex")}`;
  const ids = seedCockpit<{ fresh: string; nogo: string; signing: string }>("dashboard", { tag });
  const dash = new DashboardPage(page);
  await dash.goto();
  await dash.filter({ q: tag });
  expect(new URL(page.url()).searchParams.get("q")).toBe(tag);
  expect(await dash.domains()).toEqual([`${tag}-new.test`, `${tag}-nogo.test`, `${tag}-signing.test`]);

  const fresh = dash.row(`${tag}-new.test`);
  await expect(fresh.getByTestId("transfer-stage")).toContainText("Sources");
  await expect(fresh.getByTestId("transfer-verdict")).toContainText("not checked");
  const nogo = dash.row(`${tag}-nogo.test`);
  await expect(nogo).toHaveAttribute("data-stage", "findings");
  await expect(nogo.getByTestId("verdict-badge")).toHaveText("NO-GO");
  await expect(nogo.getByTestId("transfer-open-counts")).toHaveText("1 open blocker, 1 warning");
  const signing = dash.row(`${tag}-signing.test`);
  await expect(signing).toHaveAttribute("data-stage", "signoffs");
  await expect(signing.getByTestId("verdict-badge")).toHaveText("GO");
  await expect(signing.getByTestId("transfer-signoffs")).toContainText("2/5");
  await expect(signing.getByTestId("transfer-window")).toContainText("→");
  await expect(signing.getByTestId("transfer-activity").locator("time")).toHaveAttribute(
    "datetime",
    /^\d{4}-\d\d-\d\dT/,
  );
  await page.screenshot({ path: "e2e/artifacts/dashboard.png", fullPage: true });

  // Filters combine and survive a reload (they are the URL).
  await dash.filter({ verdict: "no-go" });
  expect(await dash.domains()).toEqual([`${tag}-nogo.test`]);
  await page.reload();
  expect(await dash.domains()).toEqual([`${tag}-nogo.test`]);
  await expect(page.getByTestId("filter-verdict")).toHaveValue("no-go");
  await dash.filter({ verdict: "", window7d: true });
  expect(new URL(page.url()).searchParams.get("window")).toBe("7d");
  expect(await dash.domains()).toEqual([`${tag}-signing.test`]);
  await dash.filter({ window7d: false, stage: "signoffs" });
  expect(await dash.domains()).toEqual([`${tag}-signing.test`]);
  await dash.goto(`?q=${tag}&stage=sources&registrar=${encodeURIComponent("Old Registrar GmbH")}`);
  expect(await dash.domains()).toEqual([`${tag}-new.test`]);
  await dash.goto(`?q=${tag}&registrar=nobody`);
  await expect(page.getByTestId("no-matches")).toBeVisible();

  // Archive (double click: one change, one entry), hidden by default, shown by the filter, unarchived.
  await dash.goto(`?q=${tag}`);
  await dash.row(`${tag}-new.test`).getByTestId("archive").dblclick();
  await expect(dash.row(`${tag}-new.test`)).toHaveCount(0);
  expect(await dash.domains()).toEqual([`${tag}-nogo.test`, `${tag}-signing.test`]);
  await dash.filter({ archived: "include" });
  await expect(dash.row(`${tag}-new.test`)).toHaveAttribute("data-archived", "yes");
  await page.screenshot({ path: "e2e/artifacts/dashboard-archived-shown.png", fullPage: true });
  await dash.row(`${tag}-new.test`).getByTestId("unarchive").click();
  await expect(dash.row(`${tag}-new.test`)).toHaveAttribute("data-archived", "no");
  const events = seedCockpit<{ events: { type: string }[] }>("audit", { transferId: ids.fresh }).events.map(
    (e) => e.type,
  );
  expect(events).toEqual(["transfer.archived", "transfer.unarchived"]);
});
