/**
 * The workflow defects a new user ran into (data lost, double submits, a
 * printout that cuts the findings' states, a NO-GO approved unknowingly,
 * duplicate transfers, forms that forget, bare 404s), each as the user sees it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { expect, test } from "./support/test";
import { ChecklistPage, SignPage } from "./pages/checklist-page";
import { createInvite, InvitePage } from "./pages/invite-page";
import { NewTransferPage } from "./pages/new-transfer-page";
import { TransferPage } from "./pages/transfer-page";

/** Seeds through lib/ in a tsx child process, against the server's database. */
function seed<T = { id: string }>(script: "seed-checklist" | "seed-workflow", command: string, arg: object): T {
  const dbUrl = `file:${join(process.env.CUTOVER_E2E_DATA_DIR!, "e2e.db")}`;
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      "./lib/node/server-only.mjs",
      `e2e/support/${script}.ts`,
      command,
      JSON.stringify(arg),
    ],
    { env: { ...process.env, DATABASE_URL: dbUrl }, encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`seed ${command} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as T;
}

const shot = (name: string) => ({ path: `test-results/workflow-${name}.png`, fullPage: true });
const domainOf = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}.test`;

test("the maintainer's answers merge with what staff entered and are shown again after a reload", async ({
  page,
  browser,
  baseURL,
}) => {
  const { id } = seed("seed-checklist", "transfer", { domain: domainOf("merge") });
  const url = await createInvite(page, id, "Mia, owner's IT");

  const maintainer = await browser.newContext({ baseURL });
  const m = await maintainer.newPage();
  const invite = new InvitePage(m);
  await invite.open(url);
  // Staff answered the hosting question (yes) and entered the owner's party: the form shows both.
  await expect(invite.hosting("yes")).toBeChecked();
  await expect(invite.field("organisation")).toHaveValue("domain-owner org");
  await expect(invite.field("contact-name")).toHaveValue("Kim domain-owner");
  await expect(invite.field("contact-email")).toHaveValue("domain-owner@example.test");
  await m.screenshot(shot("invite-prefilled"));
  // The maintainer adds a phone number and saves; nothing staff entered is erased.
  await invite.field("contact-phone").fill("+49 30 555 0100");
  await invite.save();
  await m.reload();
  await expect(invite.field("contact-phone")).toHaveValue("+49 30 555 0100");
  await expect(invite.field("contact-email")).toHaveValue("domain-owner@example.test");
  await expect(invite.hosting("yes")).toBeChecked();
  await maintainer.close();

  // Staff: escalation channel and target survive; the revision is complete for the owner.
  await page.goto(`/transfers/${id}/schedule`);
  const owner = page.locator('[data-testid="party-form"][data-role="domain-owner"]');
  await expect(owner.getByTestId("party-channel")).toHaveValue("phone");
  await expect(owner.getByTestId("party-target")).toHaveValue("+49 30 1234567");
  await expect(owner.getByTestId("party-organisation")).toHaveValue("domain-owner org");
  await page.screenshot(shot("invite-merged-schedule"));
});

test("a double-clicked Create revision makes one revision, and the same content again makes none", async ({ page }) => {
  const domain = domainOf("double");
  const { id } = seed("seed-checklist", "transfer", { domain });
  const checklist = new ChecklistPage(page);
  await checklist.goto(id);
  // Page titles carry the domain, so tabs tell transfers apart.
  await expect(page).toHaveTitle(`Checklist · ${domain} · Cutover`);
  await page.getByTestId("create-revision").dblclick();
  await expect(page.getByTestId("current-revision").getByRole("heading", { name: "Current revision 1" })).toBeVisible();
  // Nothing changed since: another click keeps revision 1.
  await page.getByTestId("create-revision").click();
  await expect(page.getByTestId("revision-status")).toHaveText(
    "Nothing changed since revision 1: no new revision was made.",
  );
  await page.reload();
  await expect(page.getByTestId("history-item")).toHaveCount(1);
  await page.screenshot(shot("one-revision"));
});

test("the printable view and its PDF hold every finding's state, who decided and why; on screen the table fits its card", async ({
  page,
}) => {
  const { id } = seed<{ id: string }>("seed-workflow", "print", { domain: domainOf("print") });
  await page.setViewportSize({ width: 1366, height: 900 });
  const checklist = new ChecklistPage(page);
  await checklist.goto(id);
  await checklist.createRevision(1);
  const fits = await page.evaluate(() => {
    const table = document
      .querySelector('[data-testid="current-revision"] [data-testid="doc-findings"]')!
      .getBoundingClientRect();
    const card = document.querySelector('[data-testid="current-revision"]')!.getBoundingClientRect();
    // What sticks out, innermost first, so a failure names the culprit.
    const wide = [...document.querySelectorAll("main *")].filter(
      (e) => e.getBoundingClientRect().right > window.innerWidth + 1 && e.children.length === 0,
    );
    return {
      table: Math.round(table.right),
      card: Math.round(card.right),
      page: document.documentElement.scrollWidth,
      wide: wide
        .slice(0, 3)
        .map((e) => `${e.tagName} ${e.getAttribute("data-testid") ?? ""} ${e.textContent?.slice(0, 60)}`),
    };
  });
  expect(fits.table).toBeLessThanOrEqual(fits.card);
  expect(fits.page, fits.wide.join(" | ")).toBeLessThanOrEqual(1366);

  await page.getByTestId("printable").click();
  await expect(page.getByTestId("printable-view")).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await page.screenshot(shot("printable"));
  const pdfPath = join(test.info().outputDir, "checklist.pdf");
  await page.pdf({ path: pdfPath, format: "A4", printBackground: true });
  // Debian poppler-utils' pdftotext: the words a reader of the archived PDF sees. Line breaks (and the hyphens
  // pdftotext drops where it rejoins a word broken at a line end) do not count.
  const text = execFileSync("pdftotext", [pdfPath, "-"], { encoding: "utf8" });
  const squeeze = (s: string) => s.replace(/[\s-]+/g, "");
  const pdf = squeeze(text);
  const states = await page.locator('[data-testid="doc-finding"] td:last-child').allTextContents();
  expect(states).toHaveLength(4);
  for (const s of states) expect(pdf).toContain(squeeze(s));
  expect(pdf).toContain(squeeze("waived by Walter Waiver"));
  expect(pdf).toContain(squeeze("delegation retired on 2026-11-01 ticket OPS-4711"));
  expect(pdf).toContain(squeeze("acknowledged by Olga Owner"));
  expect(pdf).toContain(squeeze("monitoring after the move"));
  // The long DKIM key is there in full, not cut at the page's edge (the owner name beside it may interleave with
  // the State cell in pdftotext's reading order, so the key is compared on its own).
  const message = (await page
    .locator('[data-testid="doc-finding"][data-check="INV-MISSING-AT-NEW"] td')
    .nth(3)
    .textContent())!;
  expect(pdf).toContain(squeeze(message.slice(message.indexOf('"v=DKIM1'))));
});

test("the sign page leads with the verdict and open blockers; approving a NO-GO takes a confirmation that is recorded", async ({
  page,
  browser,
  baseURL,
}) => {
  const { id } = seed("seed-checklist", "transfer", { domain: domainOf("nogo") });
  const checklist = new ChecklistPage(page);
  await checklist.goto(id);
  await checklist.createRevision(1);
  const url = await checklist.createLink("gaining-registrar");

  const signer = await browser.newContext({ baseURL });
  const s = await signer.newPage();
  await new SignPage(s).open(url);
  // The verdict comes first, before the decision.
  const verdict = s.getByTestId("sign-verdict");
  await expect(verdict).toContainText("NO-GO");
  await expect(verdict.getByTestId("sign-blocker")).toHaveText([/INV-MISSING-IN-SOURCE.*release\.project\.test\. NS/]);
  const above = await s.evaluate(() => {
    const v = document.querySelector('[data-testid="sign-verdict"]')!;
    const d = document.querySelector('[data-testid="decision-card"]')!;
    return Boolean(v.compareDocumentPosition(d) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(above).toBe(true);
  await s.getByLabel("Your name").fill("Gina Gaining");
  await s.getByTestId("decision-approve").check();
  const confirm = s.getByTestId("confirm-no-go");
  await expect(s.getByTestId("confirm-no-go-label")).toHaveText(
    "I approve although the verdict is NO-GO with 1 open blocker.",
  );
  await s.getByTestId("submit-signoff").click();
  // Not confirmed: nothing is recorded.
  await expect(s.getByTestId("sign-result")).toHaveCount(0);
  await confirm.check();
  await s.screenshot(shot("sign-no-go"));
  await s.getByTestId("submit-signoff").click();
  await expect(s.getByTestId("sign-result")).toContainText(
    "approved revision 1 although the verdict is NO-GO (1 open blocker)",
  );
  await signer.close();

  await page.reload();
  await expect(checklist.signoffRow("gaining-registrar", false)).toContainText(
    "approved despite NO-GO (1 open blocker)",
  );
  const bundle = await (await page.request.get(`/api/transfers/${id}/checklist/bundle`)).json();
  expect(bundle.signoffs[0]).toMatchObject({ decision: "approve", noGo: { confirmed: true, openBlockers: 1 } });
});

test("a transfer for a domain that already has one warns, whatever the spelling; the user opens it or confirms a second", async ({
  page,
}) => {
  const domain = domainOf("dup");
  const form = new NewTransferPage(page);
  const parties = {
    losingRegistrar: "Old Reg",
    gainingRegistrar: "New Reg",
    currentDnsOperator: "Old Host",
    futureDnsOperator: "New Host",
    dnsHostingMoves: "yes" as const,
  };
  const first = await form.create({ domain, ...parties });
  // Back after creating, or another spelling: warned, not created.
  await form.goto();
  await form.fill({ domain: `${domain.toUpperCase()}.`, ...parties });
  await form.submit();
  const warning = page.getByTestId("duplicate-warning");
  await expect(warning).toContainText(`An open transfer for ${domain} exists`);
  await expect(warning.getByTestId("open-existing")).toHaveAttribute("href", `/transfers/${first}`);
  await page.screenshot(shot("duplicate-warning"));
  await expect(page).toHaveURL(/\/transfers\/new$/);
  await page.getByTestId("confirm-duplicate").click();
  await form.waitForTransferPage();
  const second = new URL(page.url()).pathname.split("/").pop();
  expect(second).not.toBe(first);
});

test("a failed schedule save keeps the owner's time zone and the values; resubmitting works", async ({ page }) => {
  const domain = domainOf("tz");
  const { id } = seed("seed-checklist", "transfer", { domain });
  await page.goto(`/transfers/${id}`);
  await expect(page).toHaveTitle(`Transfer · ${domain} · Cutover`);
  await page.goto(`/transfers/${id}/schedule`);
  await expect(page).toHaveTitle(`Schedule · ${domain} · Cutover`);
  await page.getByLabel("Window start").fill("2026-11-10T09:00");
  await page.getByLabel("Window end").fill("2026-11-09T12:00");
  await page.getByLabel("Owner's time zone").fill("Europe/Berlin");
  await page.getByLabel("Holiday calendar").selectOption("GB-ENG");
  await page.getByTestId("save-window").click();
  await expect(page.getByTestId("window-status")).toContainText("The window was not saved");
  await expect(page.getByLabel("Owner's time zone")).toHaveValue("Europe/Berlin");
  await expect(page.getByLabel("Holiday calendar")).toHaveValue("GB-ENG");
  await expect(page.getByLabel("Window start")).toHaveValue("2026-11-10T09:00");
  await page.screenshot(shot("schedule-failed"));
  await page.getByLabel("Window end").fill("2026-11-12T12:00");
  await page.getByTestId("save-window").click();
  await expect(page.getByTestId("window-status")).toHaveText("Window saved");
});

test("an import with rejected records is a warning, and the report's provider heading counts what its table counts", async ({
  page,
}) => {
  const id = await new NewTransferPage(page).create({
    domain: domainOf("rejects"),
    losingRegistrar: "A",
    gainingRegistrar: "B",
    currentDnsOperator: "C",
    futureDnsOperator: "D",
    dnsHostingMoves: "no",
  });
  const transfer = new TransferPage(page);
  await transfer.upload({ label: "partly broken", files: ["e2e/fixtures/partly-rejected.zone"] });
  const result = transfer.uploadResults().filter({ hasText: "partly broken" });
  await expect(result).toHaveText(/^Imported “partly broken” with 3 of 9 records rejected/);
  await expect(result).toHaveAttribute("data-outcome", "warning");
  await page.screenshot(shot("import-rejected"));

  await transfer.goto(id);
  await transfer.uploadAndWait({
    label: "cloudflare",
    files: ["lib/zone/import/__fixtures__/exports/cloudflare-export.txt"],
  });
  await transfer.openReport("cloudflare");
  const providerOnly = await page.getByTestId("count-total").locator("td").nth(3).textContent();
  await expect(page.getByTestId("provider-records").getByRole("heading").first()).toHaveText(
    `Provider-only records (${providerOnly})`,
  );
  await expect(page.getByTestId("provider-records").getByTestId("provider-record")).toHaveCount(Number(providerOnly));
  await page.screenshot(shot("report-provider-records"));
});

test("revoked, expired and unknown links all show the same page saying the link is no longer valid and whom to ask", async ({
  browser,
  baseURL,
}) => {
  const links = seed<{ signRevoked: string; signExpired: string; inviteRevoked: string; inviteExpired: string }>(
    "seed-workflow",
    "links",
    { domain: domainOf("links") },
  );
  const outsider = await browser.newContext({ baseURL });
  const p = await outsider.newPage();
  const unknown = randomBytes(32).toString("base64url");
  const seen: { status: number; text: string }[] = [];
  for (const path of [
    `/sign/${links.signRevoked}`,
    `/sign/${links.signExpired}`,
    `/sign/${unknown}`,
    `/invite/${links.inviteRevoked}`,
    `/invite/${links.inviteExpired}`,
    `/invite/${unknown}`,
  ]) {
    const r = await p.goto(path);
    const text = (await p.getByTestId("link-invalid").textContent())!;
    seen.push({ status: r!.status(), text });
  }
  await p.screenshot(shot("link-invalid"));
  expect(new Set(seen.map((s) => s.status))).toEqual(new Set([404]));
  expect(new Set(seen.map((s) => s.text)).size).toBe(1);
  expect(seen[0].text).toContain("This link is no longer valid");
  expect(seen[0].text).toContain("Ask the person who sent you the link");
  await outsider.close();
});

test("sign-off links are listed per role with their state; a lost link is re-issued, revoking asks first", async ({
  page,
  browser,
  baseURL,
}) => {
  const { id } = seed("seed-checklist", "transfer", { domain: domainOf("links-list") });
  const checklist = new ChecklistPage(page);
  await checklist.goto(id);
  await checklist.createRevision(1);
  const owner = await checklist.createLink("domain-owner");
  await checklist.createLink("new-dns-operator");
  await page.reload();
  const ownerItem = page.locator('[data-testid="link-role-group"][data-role="domain-owner"] [data-testid="link-item"]');
  await expect(ownerItem).toHaveAttribute("data-status", "pending");
  await expect(page.locator('[data-testid="link-role-group"]')).toHaveCount(2);

  // The URL is shown once; re-issuing gives a new one and retires the old.
  await ownerItem.getByTestId("reissue-link").click();
  await expect(page.getByTestId("reissued-link-url")).not.toHaveValue("");
  await expect(page.getByTestId("reissued-link-url")).not.toHaveValue(owner);
  const fresh = await page.getByTestId("reissued-link-url").inputValue();
  await expect(
    page.locator(
      '[data-testid="link-role-group"][data-role="domain-owner"] [data-testid="link-item"][data-status="revoked"]',
    ),
  ).toHaveCount(1);
  await page.screenshot(shot("links-reissued"));
  const signer = await browser.newContext({ baseURL });
  const s = await signer.newPage();
  expect((await s.goto(owner))!.status()).toBe(404);
  await expect(s.getByTestId("link-invalid")).toBeVisible();
  await new SignPage(s).open(fresh);
  // A valid link names its domain in the title; the revoked one above got the same 404 as any unknown token.
  await expect(s).toHaveTitle(/^Sign off · links-list[^ ]* · Cutover$/);
  await new SignPage(s).reject("Olga Owner", "not yet");
  await signer.close();

  await page.reload();
  const used = page.locator(
    '[data-testid="link-role-group"][data-role="domain-owner"] [data-testid="link-item"][data-status="used"]',
  );
  await expect(used.getByTestId("link-used-by")).toHaveText("Olga Owner (self-declared) rejected revision 1");
  // Revoking asks first; cancelling keeps the link.
  const operator = page.locator(
    '[data-testid="link-role-group"][data-role="new-dns-operator"] [data-testid="link-item"]',
  );
  await operator.getByTestId("revoke-link").click();
  await operator.getByTestId("cancel-revoke").click();
  await expect(operator).toHaveAttribute("data-status", "pending");
  await operator.getByTestId("revoke-link").click();
  await operator.getByTestId("confirm-revoke").click();
  await expect(operator).toHaveAttribute("data-status", "revoked");
  await page.screenshot(shot("links-list"));
});
