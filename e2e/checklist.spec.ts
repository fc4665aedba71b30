import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ICAL from "ical.js";
import type { Download } from "@playwright/test";
import { expect, signIn, test } from "./support/test";
import { ChecklistPage, SignPage } from "./pages/checklist-page";

const ROLES = [
  "losing-registrar",
  "gaining-registrar",
  "old-dns-operator",
  "new-dns-operator",
  "domain-owner",
] as const;

/** Seeds through lib/ in a tsx child process, against the server's database. */
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

async function saved(download: Download, name: string): Promise<string> {
  const path = join(test.info().outputDir, name);
  await download.saveAs(path);
  return path;
}

test("maintainer schedules and shares links; the registrar rejects, a fix makes it stale, everyone approves, the bundle verifies", async ({
  browser,
  baseURL,
  staff,
}) => {
  test.setTimeout(180_000);
  const domain = `signoff-${randomBytes(4).toString("hex")}.test`;
  const { id } = seed("transfer", { domain });
  const maintainer = await browser.newContext({ timezoneId: "Europe/Berlin", acceptDownloads: true });
  const registrar = await browser.newContext({ timezoneId: "America/New_York" });
  await signIn(maintainer, staff, baseURL!);
  const page = await maintainer.newPage();

  // Schedule: entered in the viewer's zone (Berlin), shown in UTC too.
  await page.goto(`/transfers/${id}`);
  await page.getByTestId("view-schedule").click();
  await expect(page.getByTestId("viewer-zone")).toHaveText("Europe/Berlin");
  await expect(page.getByTestId("minimum-window")).toHaveText("2 d 1 h");
  await expect(page.getByTestId("timing-steps")).toContainText("NS TTL = max(parent NS TTL");
  await page.getByLabel("Window start").fill("2026-11-10T09:00");
  await page.getByLabel("Window end").fill("2026-11-12T12:00");
  await page.getByLabel("TTL lowering planned at").fill("2026-11-08T09:00");
  await expect(page.getByTestId("start-utc")).toHaveText("UTC 2026-11-10T08:00:00Z");
  await page.getByLabel("Owner's time zone").fill("Europe/Berlin");
  await page.getByTestId("save-window").click();
  await expect(page.getByTestId("window-status")).toHaveText("Window saved");
  await expect(page.getByTestId("window-start-text")).toHaveText(
    "2026-11-10 09:00 Europe/Berlin (UTC+01:00) · 2026-11-10T08:00:00.000Z",
  );
  await expect(page.getByTestId("schedule-warnings")).toHaveText(/No warnings\./);
  // The measured TTLs come from the run's stored timing; the operations plan is saved for the next run's OPS checks.
  await expect(page.getByTestId("parent-ns-ttl")).toHaveText("172800 s");
  await page.getByLabel("Monitoring plan").fill("resolution from three networks every minute");
  await page.getByLabel("Rollback steps").fill("restore the old NS at the registrar");
  await page.getByLabel("Rollback reaches everyone after (hours)").fill("49");
  await page.getByLabel("DNSSEC plan").selectOption("unsigned");
  await page.getByTestId("save-operations").click();
  await expect(page.getByTestId("operations-status")).toHaveText(
    "Operations plan saved: the next live check judges it",
  );
  await expect(page.getByLabel("Rollback reaches everyone after (hours)")).toHaveValue("49");

  // The calendar downloads and an independent parser reads the right instants.
  const icsDownload = page.waitForEvent("download");
  await page.getByTestId("download-ics").click();
  const ics = readFileSync(await saved(await icsDownload, "plan.ics"), "utf8");
  const events = new ICAL.Component(ICAL.parse(ics) as unknown[])
    .getAllSubcomponents("vevent")
    .map((c) => new ICAL.Event(c));
  const window = events.find((e) => e.summary.endsWith("transfer window"))!;
  expect(window.startDate.toJSDate().toISOString()).toBe("2026-11-10T08:00:00.000Z");
  expect(window.endDate.toJSDate().toISOString()).toBe("2026-11-12T11:00:00.000Z");
  expect(events.map((e) => e.summary)).toEqual([
    `${domain}: lower TTLs before the transfer`,
    `${domain}: transfer window`,
    `${domain}: overlap ends, old DNS servers may be retired`,
  ]);

  // Revision 1: NO-GO, signed; links for every role.
  const checklist = new ChecklistPage(page);
  await page.getByTestId("to-checklist").click();
  await checklist.createRevision(1);
  await expect(page.getByTestId("doc-verdict")).toHaveText("NO-GO");
  const keyId = await page.getByTestId("active-key-id").textContent();
  await expect(page.getByTestId("current-key-id")).toHaveText(keyId!);
  const jwks = await (await page.request.get("/.well-known/cutover-signing-key")).json();
  expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(keyId);
  const urls = new Map<string, string>();
  for (const role of ROLES) urls.set(role, await checklist.createLink(role));
  expect(urls.get("losing-registrar")).toMatch(/\/sign\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("link-item")).toHaveCount(5);

  // The registrar opens their link in their own browser and rejects with a reason.
  const regPage = await registrar.newPage();
  const sign = new SignPage(regPage);
  await sign.open(urls.get("losing-registrar")!);
  await expect(regPage.getByTestId("sign-role")).toHaveText("Losing registrar");
  await expect(regPage.getByTestId("changes-since")).toContainText("first revision");
  await sign.reject("Rita Registrar", "release.project.test NS is missing from the new zone");

  // A wrong token and a revoked link look exactly like a missing page.
  const wrong = await regPage.goto(urls.get("losing-registrar")!.replace(/.$/, (c) => (c === "A" ? "B" : "A")));
  expect(wrong?.status()).toBe(404);
  const extra = await checklist.createLink("domain-owner");
  await page.reload();
  // Every link is listed per role with its state; revoking asks first.
  await expect(page.locator('[data-testid="link-item"][data-status="pending"][data-role="domain-owner"]')).toHaveCount(
    2,
  );
  await expect(
    page
      .locator('[data-testid="link-item"][data-status="used"][data-role="losing-registrar"]')
      .getByTestId("link-used-by"),
  ).toHaveText("Rita Registrar (self-declared) rejected revision 1");
  const extraItem = page.locator('[data-testid="link-item"][data-status="pending"][data-role="domain-owner"]').first();
  await extraItem.getByTestId("revoke-link").click();
  await expect(extraItem.getByTestId("revoke-confirm")).toContainText("Whoever holds it can no longer open or sign.");
  await page.screenshot({ path: "e2e/artifacts/checklist-revoke-confirm.png", fullPage: true });
  await extraItem.getByTestId("confirm-revoke").click();
  await expect(page.locator('[data-testid="link-item"][data-status="revoked"]')).toHaveCount(1);
  // The newest link is listed first; make sure the revoked one is the extra link, not the one we keep.
  expect((await regPage.goto(extra))?.status()).toBe(404);

  // The fix: a re-run no longer reports the blocker; revision 2 makes the rejection stale.
  seed("fix", { transferId: id });
  await page.reload();
  await expect(checklist.signoffRow("losing-registrar", false)).toHaveCount(1);
  await expect(page.getByTestId("outdated")).toBeVisible();
  await checklist.createRevision(2);
  await expect(page.getByTestId("doc-verdict")).toHaveText("GO");
  await expect(checklist.signoffRow("losing-registrar", true)).toContainText("stale");
  await expect(page.getByTestId("sign-again")).toHaveText("Must sign again: Losing registrar");
  // "What changed" names the subject and the verdict's old → new.
  await expect(page.getByTestId("history-changes").first()).toContainText(
    "INV-MISSING-IN-SOURCE at release.project.test. NS: open → fixed",
  );
  await expect(page.getByTestId("history-changes").first()).toContainText("verdict: NO-GO → GO");

  // The registrar sees what changed since the revision they rejected, and approves.
  await sign.open(urls.get("losing-registrar")!);
  await expect(regPage.getByTestId("change-item").filter({ hasText: "INV-MISSING-IN-SOURCE" })).toHaveText(
    "INV-MISSING-IN-SOURCE at release.project.test. NS: open → fixed",
  );
  await sign.approve("Rita Registrar");
  // Everyone else approves; the owner from the maintainer's side.
  for (const role of ROLES.filter((r) => r !== "losing-registrar" && r !== "domain-owner")) {
    const p = await registrar.newPage();
    const s = new SignPage(p);
    await s.open(urls.get(role)!);
    await s.approve(`Signer ${role}`);
    await p.close();
  }
  const ownerPage = await maintainer.newPage();
  await new SignPage(ownerPage).open(urls.get("domain-owner")!);
  await new SignPage(ownerPage).approve("Olga Owner");

  await page.reload();
  await expect(page.getByTestId("final-status")).toHaveText("FINAL — revision 2 is approved by every party.");
  // A signer's name is what they typed: shown as self-declared, with the link it came through.
  await expect(checklist.signoffRow("domain-owner", false).getByTestId("signer")).toHaveText(
    /^Olga Owner \(self-declared, link \S+\)$/,
  );

  // The bundle downloads and `cutover verify` accepts it against the published key; a flipped byte fails.
  const bundleDownload = page.waitForEvent("download");
  await page.getByTestId("download-bundle").click();
  const bundlePath = await saved(await bundleDownload, "bundle.json");
  const bundle = JSON.parse(readFileSync(bundlePath, "utf8"));
  expect(bundle.final).toBe(true);
  expect(bundle.signoffs).toHaveLength(5);
  for (const s of bundle.signoffs)
    expect(s).toMatchObject({ signerNameIs: "self-declared", linkId: expect.any(String) });
  const verify = spawnSync(
    process.execPath,
    ["lib/cli/bin.mjs", "verify", bundlePath, "--key", `${baseURL}/.well-known/cutover-signing-key`],
    { encoding: "utf8" },
  );
  expect(verify.status, verify.stderr).toBe(0);
  expect(verify.stdout).toContain(keyId!);
  const tampered = readFileSync(bundlePath, "utf8").replace("Rita Registrar", "Rita Registrat");
  const tamperedPath = join(test.info().outputDir, "tampered.json");
  writeFileSync(tamperedPath, tampered);
  expect(spawnSync(process.execPath, ["lib/cli/bin.mjs", "verify", tamperedPath], { encoding: "utf8" }).status).toBe(1);

  // CSV of the findings.
  const csv = await (await page.request.get(`/api/transfers/${id}/checklist/findings.csv`)).text();
  expect(csv.split("\r\n")[0]).toBe("revision,check,severity,subject,message,state,by,at,reason,remediation");
  expect(csv).toContain("INV-MISSING-IN-SOURCE,blocker");

  // Printable view: screenshot and PDF.
  await page.getByTestId("printable").click();
  await expect(page.getByTestId("print-final")).toHaveText("FINAL — approved by every party");
  await expect(page.getByTestId("doc-signoffs").locator("li")).toHaveCount(5);
  await expect(page.getByTestId("doc-signoffs").getByTestId("doc-signer").filter({ hasText: "Olga Owner" })).toHaveText(
    /^Olga Owner \(self-declared, link \S+\)$/,
  );
  await page.screenshot({ path: "e2e/artifacts/checklist-printable.png", fullPage: true });
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: "e2e/artifacts/checklist-printable-print-media.png", fullPage: true });
  const pdf = await page.pdf({ path: "e2e/artifacts/checklist.pdf", format: "A4", printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(pdf.length).toBeGreaterThan(10_000);

  await maintainer.close();
  await registrar.close();
});
