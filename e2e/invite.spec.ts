import { randomBytes } from "node:crypto";
import { expect, test } from "./support/test";
import { NewTransferPage } from "./pages/new-transfer-page";
import { TransferPage } from "./pages/transfer-page";

const REGISTRAR = "lib/zone/import/__fixtures__/exports/registrar-export-incomplete.zone";

test("staff invite the maintainer, who uploads and answers without a staff session; revoked, the link is a 404", async ({
  page,
  browser,
  baseURL,
}) => {
  const domain = `invite-${randomBytes(4).toString("hex")}.test`;
  const id = await new NewTransferPage(page).create({
    domain,
    losingRegistrar: "Old Reg",
    gainingRegistrar: "New Reg",
    currentDnsOperator: "Old Host",
    futureDnsOperator: "New Host",
    dnsHostingMoves: "no",
  });
  const transfer = new TransferPage(page);
  await expect(transfer.fact("fact-dns-moves")).toHaveText("No");

  // Staff: create the invite; the link is shown once, with its expiry and a copy button.
  await page.getByTestId("invite-label").fill("Mia, owner's IT");
  await page.getByTestId("invite-days").selectOption("7");
  await page.getByTestId("create-invite").click();
  const url = await page.getByTestId("new-invite-url").inputValue();
  expect(url).toMatch(new RegExp(`^${baseURL}/invite/[A-Za-z0-9_-]{43}$`));
  await expect(page.getByTestId("new-invite-expires")).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  await expect(page.getByTestId("copy-invite")).toBeVisible();
  await expect(
    page.getByTestId("invite-item").filter({ hasText: "Mia, owner's IT" }).getByTestId("invite-status"),
  ).toHaveText(/^valid until /);
  await page.screenshot({ path: "e2e/artifacts/invite-created.png", fullPage: true });
  // Reloaded, the list remains but the link is gone for good.
  await page.reload();
  await expect(page.getByTestId("new-invite-url")).toHaveCount(0);
  await expect(page.getByTestId("invite-item")).toHaveCount(1);

  // The maintainer: a browser context WITHOUT a staff session.
  const maintainer = await browser.newContext({ baseURL });
  const m = await maintainer.newPage();
  const opened = await m.goto(url);
  expect(opened!.status()).toBe(200);
  await expect(m.getByTestId("invite-domain")).toHaveText(domain);
  await expect(m).toHaveTitle(`Invitation · ${domain} · Cutover`);
  await expect(m.getByTestId("live-checks")).toHaveCount(0);
  await expect(m.getByTestId("view-checklist")).toHaveCount(0);
  await m.getByTestId("file-input").setInputFiles([REGISTRAR]);
  await expect(
    m.locator('[data-testid="upload-row"][data-file="registrar-export-incomplete.zone"]').getByTestId("row-label"),
  ).toHaveValue("registrar export");
  await m.getByTestId("upload-submit").click();
  await expect(m.getByTestId("upload-result")).toHaveText(/^Imported “registrar export”: \d+ records/);
  await expect(m.getByTestId("invite-source")).toHaveText([/^registrar export \(\d+ records\)$/]);

  // The hosting question shows staff's answer (given at creation); the maintainer may change it.
  await expect(m.getByTestId("answer-moves-yes")).not.toBeChecked();
  await expect(m.getByTestId("answer-moves-no")).toBeChecked();
  await m.getByTestId("answer-moves-yes").check();
  await m.getByTestId("answer-organisation").fill("Owner Ltd");
  await m.getByTestId("answer-contact-name").fill("Mia Owner");
  await m.getByTestId("answer-contact-email").fill("mia@owner.test");
  await m.getByTestId("answer-on-call").check();
  await m.getByTestId("answer-on-call-by").fill("Mia Owner");
  await m.getByTestId("answer-submit").click();
  await expect(m.getByTestId("answer-result")).toHaveText("Thank you: your answers were saved.");
  await m.screenshot({ path: "e2e/artifacts/invite-maintainer.png", fullPage: true });

  // The invite opens nothing else: staff pages send the maintainer to sign in.
  await m.goto(`/transfers/${id}`);
  await expect(m).toHaveURL(/\/sign-in$/);

  // Staff see the new source and the answer.
  await transfer.goto(id);
  await expect(page.getByTestId("sources")).toContainText("registrar export");
  await expect(transfer.fact("fact-dns-moves")).toHaveText("Yes");
  await page.goto(`/transfers/${id}/schedule`);
  // The domain owner's party as the maintainer gave it (organisation and contact).
  await expect(page.locator("body")).toContainText("Domain owner (Owner Ltd)");
  await expect(page.locator('input[value="mia@owner.test"]')).toHaveCount(1);
  await transfer.goto(id);

  // Revoke: the same link is now a 404, like a link that never existed.
  await page.getByTestId("invite-item").filter({ hasText: "Mia, owner's IT" }).getByTestId("revoke-invite").click();
  await expect(
    page.getByTestId("invite-item").filter({ hasText: "Mia, owner's IT" }).getByTestId("invite-status"),
  ).toHaveText(/^revoked /);
  await page.screenshot({ path: "e2e/artifacts/invite-revoked.png", fullPage: true });
  const after = await m.goto(url);
  expect(after!.status()).toBe(404);
  const missing = await m.goto(`/invite/${"A".repeat(43)}`);
  expect(missing!.status()).toBe(404);
  await m.goto(url);
  await m.screenshot({ path: "e2e/artifacts/invite-revoked-404.png", fullPage: true });
  await maintainer.close();
});
