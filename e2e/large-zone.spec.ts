import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test } from "./support/test";
import { NewTransferPage } from "./pages/new-transfer-page";
import { RecordsPage } from "./pages/records-page";
import { TransferPage } from "./pages/transfer-page";
import { generateZone } from "./support/generate-zone";

// 100k rows must stay smooth: the table is virtualised, so however many
// records there are, the DOM holds only the rows in view plus overscan.
test("a 100k-record zone: virtualised table, scroll to the last record, filters", async ({ page }, info) => {
  test.setTimeout(240_000);
  const zone = generateZone();
  expect(zone.records).toBe(100_002);
  const dir = mkdtempSync(join(tmpdir(), "cutover-e2e-zone-"));
  const path = join(dir, "big.test.zone");
  writeFileSync(path, zone.text);

  const id = await new NewTransferPage(page).create({
    domain: `big-${randomBytes(4).toString("hex")}.test`,
    losingRegistrar: "Old Registrar",
    gainingRegistrar: "New Registrar",
    currentDnsOperator: "Old DNS",
    futureDnsOperator: "New DNS",
    dnsHostingMoves: "yes",
  });
  const transfer = new TransferPage(page);
  await transfer.choose([path]);
  await transfer.setRow({ file: "big.test.zone", label: "big zone" });
  let t0 = Date.now();
  await transfer.submit();
  await expect(transfer.uploadResults()).toHaveText(
    ["Imported “big zone”: 100002 records, 0 provider records, 0 diagnostics."],
    { timeout: 120_000 },
  );
  const importMs = Date.now() - t0;

  // The JSON endpoint: first request right after the import (the route builds the
  // merged table in the background once the upload answered) and a later, cached one.
  t0 = Date.now();
  const first = await page.request.get(`/api/transfers/${id}/records`);
  const firstMs = Date.now() - t0;
  expect(first.status()).toBe(200);
  const encoding = first.headers()["content-encoding"] ?? "identity";
  const body = await first.body();
  const table = JSON.parse(body.toString("utf8")) as { rows: unknown[][] };
  expect(table.rows.length).toBe(100_002);
  t0 = Date.now();
  await page.request.get(`/api/transfers/${id}/records`);
  const warmMs = Date.now() - t0;

  // First render: click to the first row on screen.
  t0 = Date.now();
  await transfer.openRecords();
  const records = new RecordsPage(page);
  await records.loaded();
  await expect(records.rows().first()).toBeVisible();
  const renderMs = Date.now() - t0;
  await expect(records.count()).toHaveText("100,002 of 100,002 rows");
  const fetchMs = Number(await records.count().getAttribute("data-fetch-ms"));

  // Virtualised: a few dozen row elements, not 100k.
  const domRows = await records.rows().count();
  expect(domRows).toBeGreaterThan(5);
  expect(domRows).toBeLessThan(100);
  await expect(records.rows().first().getByTestId("cell-owner")).toHaveText(zone.origin);
  await page.screenshot({ path: "e2e/artifacts/large-top.png" });

  // Scroll to the bottom: the last record in DNS order is rendered.
  await records.scroller().evaluate((el) => el.scrollTo(0, el.scrollHeight));
  const last = records.row("zzzz-last.big.test.", "TXT", '"the very last record"');
  await expect(last).toBeVisible();
  expect(await records.rows().count()).toBeLessThan(100);
  await page.screenshot({ path: "e2e/artifacts/large-bottom.png" });

  // Filters update the rows: name, then name + type.
  t0 = Date.now();
  await records.filterName("h03333");
  await expect(records.count()).toHaveText("9 of 100,002 rows");
  const filterMs = Date.now() - t0;
  await expect(records.rows()).toHaveCount(9);
  await records.filterType("MX");
  await expect(records.count()).toHaveText("1 of 100,002 rows");
  await expect(records.row("h033331.big.test.", "MX", "10 mail.big.test.")).toBeVisible();
  await records.filterType("AAAA");
  await expect(records.rows()).toHaveCount(3);
  await expect(records.rows().getByTestId("cell-owner")).toHaveText([
    "h033330.big.test.",
    "h033331.big.test.",
    "h033332.big.test.",
  ]);
  await page.screenshot({ path: "e2e/artifacts/large-filtered.png" });

  const timings = {
    importMs,
    endpointFirstMs: firstMs,
    endpointWarmMs: warmMs,
    jsonBytes: body.length,
    encoding,
    firstRenderMs: renderMs,
    clientFetchParseMs: fetchMs,
    nameFilterMs: filterMs,
    domRows,
  };
  info.annotations.push({ type: "timings", description: JSON.stringify(timings) });
  console.log(`[100k] ${JSON.stringify(timings)}`);
});
