import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { NewTransferPage } from "./pages/new-transfer-page";
import { RecordsPage } from "./pages/records-page";
import { ReportPage } from "./pages/report-page";
import { TransferPage } from "./pages/transfer-page";

// Paths relative to the repository root (Playwright's cwd), as in the brief.
const REGISTRAR = "../shared/fixtures/registrar-export-incomplete.zone";
const ROUTE53 = "../shared/fixtures/route53-list-resource-record-sets.json";
const MARKUP = "e2e/fixtures/markup.zone";

const unique = () => randomBytes(4).toString("hex");
const parties = {
  losingRegistrar: "Old Registrar GmbH",
  gainingRegistrar: "New Registrar Ltd",
  currentDnsOperator: "Old Host DNS",
  futureDnsOperator: "Amazon Route 53",
};

test("a transfer cannot be created until the DNS hosting question is answered; IDNs show both forms", async ({ page }) => {
  const form = new NewTransferPage(page);
  await form.goto();
  const label = `bücher-${unique()}`;
  await form.fill({ domain: `${label}.test`, ...parties });
  await form.submit();
  // The browser blocks the submit: the radio group is required and has no default.
  await expect(page).toHaveURL(/\/transfers\/new$/);
  expect(await page.getByTestId("dns-moves-yes").evaluate((el: HTMLInputElement) => el.validity.valueMissing)).toBe(true);
  await expect(page.getByTestId("dns-moves-yes")).not.toBeChecked();
  await expect(page.getByTestId("dns-moves-no")).not.toBeChecked();

  await page.getByTestId("dns-moves-no").check();
  await form.submit();
  await form.waitForTransferPage();
  const ascii = new URL(`http://${label}.test`).hostname;
  expect(ascii.startsWith("xn--")).toBe(true);
  await expect(page.getByTestId("transfer-title")).toHaveText(`${label}.test (${ascii})`);
  await expect(page.getByTestId("fact-dns-moves")).toHaveText("No");
  await expect(page.getByTestId("fact-losing-registrar")).toHaveText("Old Registrar GmbH");
  await page.screenshot({ path: "e2e/artifacts/transfer-created.png", fullPage: true });

  await page.getByTestId("home-link").click();
  await expect(page.getByTestId("transfer-item").filter({ hasText: ascii })).toContainText(`${label}.test`);
});

test("import a registrar export and a Route 53 export, browse the merged records and both reports", async ({ page }) => {
  const id = await new NewTransferPage(page).create({ domain: `project-${unique()}.test`, ...parties, dnsHostingMoves: "yes" });
  const transfer = new TransferPage(page);
  await expect(transfer.fact("fact-dns-moves")).toHaveText("Yes");

  await transfer.uploadAndWait({ label: "registrar export", files: [REGISTRAR] });
  await transfer.uploadAndWait({ label: "Route 53", files: [ROUTE53] });
  await expect(page.getByTestId("source-item")).toHaveCount(2);
  await expect(page.getByTestId("source-item").filter({ hasText: "registrar export" })).toContainText("7 records · 0 provider records");
  await expect(page.getByTestId("source-item").filter({ hasText: "Route 53" })).toContainText("12 records · 4 provider records");

  // Records: merged table loaded from the JSON route.
  await transfer.openRecords();
  const records = new RecordsPage(page);
  await records.loaded();
  const mail = records.row("mail.project.test.", "A", "192.0.2.25");
  await expect(mail).toHaveCount(1);
  await expect(mail.getByTestId("cell-ttl")).toHaveText("3600");
  await expect(mail.getByTestId("cell-sources")).toHaveText("registrar export");
  const release = records.row("release.project.test.", "A", "dualstack.release-lb-1234567890.us-east-1.elb.amazonaws.com.");
  await expect(release).toHaveAttribute("data-provider", "true");
  await expect(release.getByTestId("provider-badge")).toHaveText("route53 alias");
  await expect(release.getByTestId("cell-sources")).toHaveText("Route 53");
  const apexAlias = records.row("project.test.", "A", "d3abcdexample.cloudfront.net.");
  await expect(apexAlias.getByTestId("provider-badge")).toHaveText("route53 alias");
  await page.screenshot({ path: "e2e/artifacts/records.png", fullPage: true });

  // Filter by type: MX from both sources.
  await records.filterType("MX");
  await expect(records.rows()).toHaveCount(3);
  await expect(records.row("project.test.", "MX", "10 mail.project.test.").getByTestId("cell-sources")).toHaveText("registrar export");
  await expect(records.row("project.test.", "MX", "20 mx2.mailhost.test.").getByTestId("cell-sources")).toHaveText("Route 53");
  // Type A from Route 53 only: all four are provider records (two aliases, a weighted pair).
  await records.filterType("A");
  await records.filterSource("Route 53");
  await expect(records.rows()).toHaveCount(4);
  await expect(records.rows().and(page.locator("[data-provider=true]"))).toHaveCount(4);
  await expect(records.rows().filter({ hasText: "route53 routing-policy" })).toHaveCount(2);
  // Filter by name.
  await records.filterSource("all sources");
  await records.filterType("all types");
  await records.filterName("_dmarc");
  await expect(records.rows()).toHaveCount(1);
  await expect(records.rows().getByTestId("cell-value")).toHaveText('"v=DMARC1; p=quarantine; rua=mailto:dmarc@project.test"');

  // Registrar export report.
  await transfer.goto(id);
  await transfer.openReport("registrar export");
  const report = new ReportPage(page);
  await expect(report.countRow("A").locator("td")).toHaveText(["A", "2", "2", "0", "0"]);
  await expect(report.countRow("total").locator("td")).toHaveText(["Total", "7", "7", "0", "0"]);
  await expect(report.providerRecords()).toHaveCount(0);
  await expect(page.getByTestId("report-files")).toContainText("registrar-export-incomplete.zone");

  // Route 53 report: provider records with reason and replacement, diagnostics with positions.
  await transfer.goto(id);
  await transfer.openReport("Route 53");
  await expect(report.countRow("A").locator("td")).toHaveText(["A", "4", "0", "4", "0"]);
  await expect(report.providerRecords()).toHaveCount(4);
  const releaseAlias = report.providerRecord("release.project.test.");
  await expect(releaseAlias).toContainText("route53 alias");
  await expect(releaseAlias.getByTestId("provider-reason")).toContainText("Elastic Load Balancer");
  await expect(releaseAlias.getByTestId("provider-replacement")).toContainText("CNAME dualstack.release-lb-1234567890.us-east-1.elb.amazonaws.com.");
  await expect(report.providerRecord("d3abcdexample.cloudfront.net.").getByTestId("provider-replacement")).toContainText("apex");
  const aliasDiag = report.diagnostics().filter({ hasText: "release.project.test. A is a Route 53 alias" });
  await expect(aliasDiag.getByTestId("diagnostic-where")).toHaveText("route53-list-resource-record-sets.json:78:0");
  await expect(aliasDiag.getByTestId("diagnostic-code")).toHaveText("provider-record");
  await page.screenshot({ path: "e2e/artifacts/report-route53.png", fullPage: true });
});

test("TXT data with markup is shown as text, never executed", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await new NewTransferPage(page).create({ domain: `markup-${unique()}.test`, ...parties, dnsHostingMoves: "no" });
  const transfer = new TransferPage(page);
  await transfer.uploadAndWait({ label: "hostile TXT", files: [MARKUP] });
  await transfer.openRecords();
  const records = new RecordsPage(page);
  await records.loaded();
  await records.filterType("TXT");
  await expect(records.rows()).toHaveCount(2);
  await expect(records.row("markup.test.", "TXT", "<script>").getByTestId("cell-value")).toHaveText('"<script>window.__xss=1</script>"');
  await expect(records.row("img.markup.test.", "TXT", "<img").getByTestId("cell-value")).toContainText("<img src=x onerror=");
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator("img[src=x]")).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test("oversized uploads are refused with a clear message, in the browser and by the server", async ({ page }) => {
  const id = await new NewTransferPage(page).create({ domain: `big-${unique()}.test`, ...parties, dnsHostingMoves: "yes" });
  const transfer = new TransferPage(page);
  const big = Buffer.alloc(1.5 * 1024 * 1024, 0x20);
  await page.getByTestId("file-input").setInputFiles([{ name: "huge.zone", mimeType: "text/plain", buffer: big }]);
  await expect(page.getByTestId("upload-error")).toHaveText("huge.zone is 1.5 MiB; the limit is 1.0 MiB per file.");
  await expect(page.getByTestId("upload-submit")).toBeDisabled();

  // The server enforces the limit too, whatever the client does.
  const res = await page.request.post(`/api/transfers/${id}/sources`, {
    multipart: { label: "huge", format: "auto", files: { name: "huge.zone", mimeType: "text/plain", buffer: big } },
  });
  expect(res.status()).toBe(413);
  expect(await res.json()).toEqual({ errors: { files: "huge.zone is 1.5 MiB; the limit is 1.0 MiB per file." } });
  await transfer.goto(id);
  await expect(page.getByTestId("source-item")).toHaveCount(0);
});
