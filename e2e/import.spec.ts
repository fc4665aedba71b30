import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "./support/test";
import { NewTransferPage } from "./pages/new-transfer-page";
import { RecordsPage } from "./pages/records-page";
import { ReportPage } from "./pages/report-page";
import { TransferPage } from "./pages/transfer-page";

// Paths relative to the repository root (Playwright's cwd), as in the brief.
const REGISTRAR = "lib/zone/import/__fixtures__/exports/registrar-export-incomplete.zone";
const ROUTE53 = "lib/zone/import/__fixtures__/exports/route53-list-resource-record-sets.json";
const MARKUP = "e2e/fixtures/markup.zone";
const AXFR_REFUSED = "lib/zone/import/__fixtures__/exports/dig-axfr-refused.txt";
const LIVE = "lib/zone/import/__fixtures__/exports/live-zone-old-operator.zone";

const unique = () => randomBytes(4).toString("hex");
const parties = {
  losingRegistrar: "Old Registrar GmbH",
  gainingRegistrar: "New Registrar Ltd",
  currentDnsOperator: "Old Host DNS",
  futureDnsOperator: "Amazon Route 53",
};

test("a transfer cannot be created until the DNS hosting question is answered; IDNs show both forms", async ({
  page,
}) => {
  const form = new NewTransferPage(page);
  await form.goto();
  const label = `bücher-${unique()}`;
  await form.fill({ domain: `${label}.test`, ...parties });
  await form.submit();
  // The browser blocks the submit: the radio group is required and has no default.
  await expect(page).toHaveURL(/\/transfers\/new$/);
  expect(await page.getByTestId("dns-moves-yes").evaluate((el: HTMLInputElement) => el.validity.valueMissing)).toBe(
    true,
  );
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

test("import a registrar export and a Route 53 export in one upload, browse the merged records and both reports", async ({
  page,
}) => {
  const id = await new NewTransferPage(page).create({
    domain: `project-${unique()}.test`,
    ...parties,
    dnsHostingMoves: "yes",
  });
  const transfer = new TransferPage(page);
  await expect(transfer.fact("fact-dns-moves")).toHaveText("Yes");

  // Both files at once: each row is its own source, labels prefilled from file name and detected format.
  await transfer.choose([REGISTRAR, ROUTE53]);
  await expect(transfer.uploadRow("registrar-export-incomplete.zone").getByTestId("row-label")).toHaveValue(
    "registrar export",
  );
  await expect(transfer.uploadRow("route53-list-resource-record-sets.json").getByTestId("row-label")).toHaveValue(
    "Route 53",
  );
  await expect(transfer.uploadRow("route53-list-resource-record-sets.json").getByTestId("row-detected")).toHaveText(
    "looks like route53",
  );
  await expect(page.getByTestId("upload-summary")).toHaveText("2 files → 2 sources");
  await page.screenshot({ path: "e2e/artifacts/upload-two-sources.png", fullPage: true });
  await transfer.submit();
  await expect(transfer.uploadResults()).toHaveText([
    "Imported “registrar export”: 7 records, 0 provider records, 0 diagnostics.",
    /^Imported “Route 53”: 12 records, 4 provider records, \d+ diagnostics\.$/,
  ]);
  await expect(page.getByTestId("source-item")).toHaveCount(2);
  await expect(transfer.sourceItem("registrar export")).toContainText("7 records · 0 provider records");
  await expect(transfer.sourceItem("Route 53")).toContainText("12 records · 4 provider records");
  await expect(transfer.sourceItem("Route 53")).toContainText("route53-list-resource-record-sets.json");

  // Records: merged table loaded from the JSON route.
  await transfer.openRecords();
  const records = new RecordsPage(page);
  await records.loaded();
  const mail = records.row("mail.project.test.", "A", "192.0.2.25");
  await expect(mail).toHaveCount(1);
  await expect(mail.getByTestId("cell-ttl")).toHaveText("3600");
  await expect(records.sourceBadges(mail)).toHaveText(["registrar export"]);
  const release = records.row(
    "release.project.test.",
    "A",
    "dualstack.release-lb-1234567890.us-east-1.elb.amazonaws.com.",
  );
  await expect(release).toHaveAttribute("data-provider", "true");
  await expect(release.getByTestId("provider-badge")).toHaveText("provider-only: Route 53 alias");
  await expect(release.getByTestId("provider-badge")).toHaveAttribute("title", /Elastic Load Balancer/);
  await expect(records.sourceBadges(release)).toHaveText(["Route 53"]);
  const apexAlias = records.row("project.test.", "A", "d3abcdexample.cloudfront.net.");
  await expect(apexAlias.getByTestId("provider-badge")).toHaveText("provider-only: Route 53 alias");
  // The reason and the replacement on click.
  await release.getByTestId("provider-badge").click();
  await expect(records.providerDetail().getByTestId("provider-detail-label")).toHaveText(
    "Provider-only: Route 53 alias",
  );
  await expect(records.providerDetail().getByTestId("provider-detail-reason")).toContainText(
    "Route 53 alias to an Elastic Load Balancer",
  );
  await expect(records.providerDetail().getByTestId("provider-detail-replacement")).toContainText(
    "CNAME dualstack.release-lb-1234567890.us-east-1.elb.amazonaws.com.",
  );
  await page.screenshot({ path: "e2e/artifacts/records.png", fullPage: true });
  await page.getByTestId("provider-detail-close").click();
  await expect(records.providerDetail()).toHaveCount(0);

  // Filter by type: MX from both sources.
  await records.filterType("MX");
  await expect(records.rows()).toHaveCount(3);
  await expect(records.sourceBadges(records.row("project.test.", "MX", "10 mail.project.test."))).toHaveText([
    "registrar export",
  ]);
  await expect(records.sourceBadges(records.row("project.test.", "MX", "20 mx2.mailhost.test."))).toHaveText([
    "Route 53",
  ]);
  // Type A from Route 53 only: all four are provider records (two aliases, a weighted pair).
  await records.filterType("A");
  await records.filterSource("Route 53");
  await expect(records.rows()).toHaveCount(4);
  await expect(records.rows().and(page.locator("[data-provider=true]"))).toHaveCount(4);
  await expect(records.rows().filter({ hasText: "provider-only: Route 53 routing policy" })).toHaveCount(2);
  await expect(records.count()).toHaveText("4 of 23 rows");
  // Source filter alone: the registrar export's 7 records.
  await records.filterType("all types");
  await records.filterSource("registrar export");
  await expect(records.rows()).toHaveCount(7);
  // Filter by name.
  await records.filterSource("all sources");
  await records.filterName("_dmarc");
  await expect(records.rows()).toHaveCount(1);
  await expect(records.rows().getByTestId("cell-value")).toHaveText(
    '"v=DMARC1; p=quarantine; rua=mailto:dmarc@project.test"',
  );

  // Registrar export report.
  await transfer.goto(id);
  await transfer.openReport("registrar export");
  const report = new ReportPage(page);
  await expect(report.countRow("A").locator("td")).toHaveText(["A", "2", "2", "0", "0"]);
  await expect(report.countRow("total").locator("td")).toHaveText(["Total", "7", "7", "0", "0"]);
  await expect(report.providerRecords()).toHaveCount(0);
  await expect(page.getByTestId("report-files")).toContainText("registrar-export-incomplete.zone");
  await page.screenshot({ path: "e2e/artifacts/report-registrar.png", fullPage: true });

  // Route 53 report: provider records with reason and replacement, diagnostics with positions.
  await transfer.goto(id);
  await transfer.openReport("Route 53");
  await expect(report.countRow("A").locator("td")).toHaveText(["A", "4", "0", "4", "0"]);
  await expect(report.providerRecords()).toHaveCount(4);
  const releaseAlias = report.providerRecord("release.project.test.");
  await expect(releaseAlias).toContainText("route53 alias");
  await expect(releaseAlias.getByTestId("provider-reason")).toContainText("Elastic Load Balancer");
  await expect(releaseAlias.getByTestId("provider-replacement")).toContainText(
    "CNAME dualstack.release-lb-1234567890.us-east-1.elb.amazonaws.com.",
  );
  await expect(
    report.providerRecord("d3abcdexample.cloudfront.net.").getByTestId("provider-replacement"),
  ).toContainText("apex");
  const aliasDiag = report.diagnostics().filter({ hasText: "release.project.test. A is a Route 53 alias" });
  await expect(aliasDiag.getByTestId("diagnostic-where")).toHaveText("route53-list-resource-record-sets.json:78:0");
  await expect(aliasDiag.getByTestId("diagnostic-code")).toHaveText("provider-record");
  await page.screenshot({ path: "e2e/artifacts/report-route53.png", fullPage: true });
});

test("several exports at once: grouped $INCLUDE files, a refused AXFR stored as failed without blocking the others", async ({
  page,
}) => {
  const id = await new NewTransferPage(page).create({
    domain: `multi-${unique()}.test`,
    ...parties,
    dnsHostingMoves: "no",
  });
  const transfer = new TransferPage(page);
  const file = (path: string, name = path.split("/").pop()!) => ({
    name,
    mimeType: "text/plain",
    buffer: readFileSync(path),
  });
  const master = {
    name: "main.zone",
    mimeType: "text/plain",
    buffer: Buffer.from("$ORIGIN project.test.\n$TTL 600\n$INCLUDE hosts.inc\nextra IN A 192.0.2.77\n"),
  };
  const include = {
    name: "hosts.inc",
    mimeType: "text/plain",
    buffer: Buffer.from("mail IN A 192.0.2.25\nwiki IN CNAME www.project.test.\n"),
  };
  await transfer.choose([file(REGISTRAR), file(AXFR_REFUSED), master, include, file(LIVE)]);
  await expect(page.getByTestId("upload-row")).toHaveCount(5);
  // The $INCLUDE target joined its master file's source by itself.
  await expect(transfer.uploadRow("hosts.inc").getByTestId("row-joined")).toHaveText("Part of “main”");
  await expect(transfer.uploadRow("dig-axfr-refused.txt").getByTestId("row-label")).toHaveValue("AXFR");
  await transfer.setRow({ file: "dig-axfr-refused.txt", label: "AXFR from ns2" });
  await transfer.setRow({ file: "main.zone", label: "hand-made zone" });
  await transfer.setRow({ file: "live-zone-old-operator.zone", label: "live zone" });
  await expect(page.getByTestId("upload-summary")).toHaveText("5 files → 4 sources");
  await expect(page.getByTestId("upload-submit")).toHaveText("Import 4 sources");
  await page.screenshot({ path: "e2e/artifacts/upload-several.png", fullPage: true });
  await transfer.submit();

  await expect(transfer.uploadResults()).toHaveCount(4);
  await expect(transfer.uploadResults().nth(0)).toHaveText(
    "Imported “registrar export”: 7 records, 0 provider records, 0 diagnostics.",
  );
  await expect(transfer.uploadResults().nth(1)).toHaveText(
    "“AXFR from ns2”: stored, but the import failed. See its report.",
  );
  await expect(transfer.uploadResults().nth(1)).toHaveAttribute("data-ok", "false");
  await expect(transfer.uploadResults().nth(2)).toContainText("Imported “hand-made zone”: 3 records");
  await expect(transfer.uploadResults().nth(3)).toContainText("Imported “live zone”");
  await expect(page.getByTestId("source-item")).toHaveCount(4);
  await expect(transfer.sourceItem("AXFR from ns2")).toContainText("import failed");
  await expect(transfer.sourceItem("hand-made zone")).toContainText("main.zone");
  await expect(transfer.sourceItem("hand-made zone")).toContainText("hosts.inc");
  await page.screenshot({ path: "e2e/artifacts/sources-several.png", fullPage: true });

  // The failed source's report says so, with the line.
  await transfer.openReport("AXFR from ns2");
  await expect(page.getByTestId("report-failed")).toBeVisible();
  const failed = new ReportPage(page).diagnostics().filter({ hasText: "transfer-failed" });
  await expect(failed.getByTestId("diagnostic-where")).toHaveText("dig-axfr-refused.txt:5:1");
  await expect(failed).toContainText("Transfer failed.");

  // A record found in three sources carries three badges; the source filter narrows to one.
  await transfer.goto(id);
  await transfer.openRecords();
  const records = new RecordsPage(page);
  await records.loaded();
  const mail = records.row("mail.project.test.", "A", "192.0.2.25");
  await expect(records.sourceBadges(mail)).toHaveText(["registrar export", "hand-made zone", "live zone"]);
  await expect(records.sourceBadges(records.row("extra.project.test.", "A", "192.0.2.77"))).toHaveText([
    "hand-made zone",
  ]);
  await records.filterSource("hand-made zone");
  await expect(records.rows()).toHaveCount(3);
  await page.screenshot({ path: "e2e/artifacts/records-several.png", fullPage: true });
});

test("TXT data with markup is shown as text, never executed", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await new NewTransferPage(page).create({ domain: `markup-${unique()}.test`, ...parties, dnsHostingMoves: "no" });
  const transfer = new TransferPage(page);
  // Dropped rather than picked: the drop zone feeds the same rows.
  await transfer.drop([{ name: "markup.zone", text: readFileSync(MARKUP, "utf8") }]);
  await expect(transfer.uploadRow("markup.zone").getByTestId("row-detected")).toHaveText("looks like bind");
  await transfer.setRow({ file: "markup.zone", label: "hostile TXT" });
  await transfer.submit();
  await expect(transfer.uploadResults()).toHaveText([
    "Imported “hostile TXT”: 5 records, 0 provider records, 0 diagnostics.",
  ]);
  await transfer.openRecords();
  const records = new RecordsPage(page);
  await records.loaded();
  await records.filterType("TXT");
  await expect(records.rows()).toHaveCount(2);
  await expect(records.row("markup.test.", "TXT", "<script>").getByTestId("cell-value")).toHaveText(
    '"<script>window.__xss=1</script>"',
  );
  await expect(records.row("img.markup.test.", "TXT", "<img").getByTestId("cell-value")).toContainText(
    "<img src=x onerror=",
  );
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator("img[src=x]")).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test("oversized uploads are refused with a clear message, in the browser and by the server", async ({
  page,
  baseURL,
}) => {
  const id = await new NewTransferPage(page).create({
    domain: `big-${unique()}.test`,
    ...parties,
    dnsHostingMoves: "yes",
  });
  const transfer = new TransferPage(page);
  // playwright.config.ts sets the limits to 4 MiB per file and 6 MiB per upload.
  const big = Buffer.alloc(4.5 * 1024 * 1024, 0x20);
  await transfer.choose([{ name: "huge.zone", mimeType: "text/plain", buffer: big }]);
  await expect(transfer.uploadRow("huge.zone").getByTestId("row-error")).toHaveText(
    "huge.zone is 4.5 MiB; the limit is 4.0 MiB per file.",
  );
  await expect(page.getByTestId("upload-submit")).toBeDisabled();

  // The server enforces the limits too, whatever the client does: per file ...
  const res = await page.request.post(`/api/transfers/${id}/sources`, {
    multipart: { label: "huge", format: "auto", files: { name: "huge.zone", mimeType: "text/plain", buffer: big } },
    // A browser sends Origin on a POST; the route handlers' CSRF check requires it with a session cookie.
    headers: { origin: baseURL! },
  });
  expect(res.status()).toBe(413);
  expect(await res.json()).toEqual({ errors: { "files.0": "huge.zone is 4.5 MiB; the limit is 4.0 MiB per file." } });
  // ... per upload ...
  const form = new FormData();
  const part = new Uint8Array(3.2 * 1024 * 1024);
  form.append("files", new Blob([part]), "a.zone");
  form.append("files", new Blob([part]), "b.zone");
  form.set("manifest", JSON.stringify([{ label: "a" }, { label: "b" }]));
  const total = await page.request.post(`/api/transfers/${id}/sources`, {
    multipart: form,
    headers: { origin: baseURL! },
  });
  expect(total.status()).toBe(413);
  expect(await total.json()).toEqual({
    errors: { files: "The files add up to 6.4 MiB; the limit is 6.0 MiB per upload." },
  });
  // ... and validates the manifest (labels, formats) before importing anything.
  const bad = new FormData();
  bad.append("files", new Blob(["x"]), "x.zone");
  bad.set("manifest", JSON.stringify([{ label: "x".repeat(101), format: "zip" }]));
  const invalid = await page.request.post(`/api/transfers/${id}/sources`, {
    multipart: bad,
    headers: { origin: baseURL! },
  });
  expect(invalid.status()).toBe(422);
  expect(await invalid.json()).toEqual({
    errors: {
      "entries.0.label": "Label is too long (100 characters at most)",
      "entries.0.format": "Format must be one of auto, bind, cloudflare, axfr, route53, cloudflare-json, powerdns",
    },
  });
  await transfer.goto(id);
  await expect(page.getByTestId("source-item")).toHaveCount(0);
});
