/**
 * Portfolios in the browser against the real DNS lab (scenario "portfolio":
 * project.test, alpha.test and beta.test on the same old servers, copied to
 * the new operator, beta.test's copy without one record): a pasted list of three domains, four dropped exports
 * (matched by $ORIGIN, by SOA owner, one overridden by hand, one that
 * matches nothing and is listed), checks for all members with a per-operator
 * bound, the table filling with verdicts, filters, drill-down, and the
 * summary downloaded as CSV and JSON.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test } from "./support/test";
import { startLab, type Lab } from "../lib/lab/lab";
import { portfolioZone, PORTFOLIO_DOMAINS } from "../lib/lab/scenarios";
import { PortfolioPage } from "./pages/portfolio-page";

const LIVE = readFileSync("lib/lab/zones/project.test.live.zone", "latin1");
const DOMAINS = ["project.test", "alpha.test", "beta.test"];

test.describe("portfolio", () => {
  test.describe.configure({ timeout: 240_000 });
  let lab: Lab;

  test.beforeAll(async () => {
    lab = await startLab({ scenario: "portfolio" });
  });

  test.afterAll(async () => {
    await lab?.stop();
  });

  test("a pasted list becomes three transfers; dropped exports are matched and imported; all are checked; the summary downloads", async ({
    page,
  }) => {
    const pf = new PortfolioPage(page);
    const name = `ACME ${randomBytes(3).toString("hex")}`;
    await pf.create(
      {
        name,
        members: [...DOMAINS, "not_a domain"].join("\n"),
        losingRegistrar: "Old Registrar GmbH",
        gainingRegistrar: "New Registrar Ltd",
        currentDnsOperator: "Old Host DNS",
        futureDnsOperator: "New Host DNS",
        dnsHostingMoves: "yes",
        newNameServers: "ns1.newhost.test=127.0.0.5",
      },
      [
        "Row 4 (not_a): Not a valid domain name (e.g. example.com or bücher.de)",
        "Row 4 (domain): Not a valid domain name (e.g. example.com or bücher.de)",
      ],
    );
    await expect(pf.rows()).toHaveCount(3);
    for (const d of DOMAINS) await expect(pf.row(d).getByTestId("member-stage")).toHaveText("waiting for exports");

    // Four files: $ORIGIN, SOA owner (absolute names, no $ORIGIN), a file the person assigns by hand, and one for no member.
    const [alpha, beta] = PORTFOLIO_DOMAINS;
    await pf.drop([
      { name: "project-export.zone", text: LIVE },
      { name: "alpha.txt", text: portfolioZone(alpha.domain, alpha.address, { withOrigin: false }) },
      {
        name: "b-records.zone",
        text: '; registrar panel export, apex missing\nwww.beta.test. 3600 IN CNAME beta.test.\n_dmarc.beta.test. 3600 IN TXT "v=DMARC1; p=reject"\n',
      },
      {
        name: "unrelated.zone",
        text: "$ORIGIN other.example.\n@ 300 IN SOA ns1 h 1 2 3 4 5\n@ 300 IN NS ns1\nns1 300 IN A 192.0.2.99\n",
      },
    ]);
    await expect(pf.matchRow("project-export.zone").getByTestId("match-reason")).toHaveText("$ORIGIN is project.test");
    await expect(pf.matchRow("alpha.txt").getByTestId("match-reason")).toHaveText("SOA owner is alpha.test");
    await expect(pf.matchRow("b-records.zone")).toHaveAttribute("data-status", "matched");
    await expect(pf.matchRow("b-records.zone").getByTestId("match-reason")).toContainText(
      "owner names are at or below beta.test",
    );
    await expect(pf.matchRow("unrelated.zone")).toHaveAttribute("data-status", "unmatched");
    await expect(pf.matchRow("unrelated.zone").getByTestId("match-reason")).toHaveText(
      "its $ORIGIN is other.example., which is not a member",
    );
    await expect(pf.matchRow("unrelated.zone").getByTestId("match-member")).toHaveValue("");
    await page.getByTestId("drop-card").screenshot({ path: "e2e/artifacts/portfolio-matches.png" });

    // The beta fragment lacks its apex: the person imports the complete export instead, so that one is left out by hand.
    await pf.assign("b-records.zone", "");
    await pf.importMatched();
    await expect(pf.importResult("project-export.zone")).toContainText("imported into project.test");
    await expect(pf.importResult("alpha.txt")).toContainText("imported into alpha.test");
    await expect(pf.importResult("b-records.zone")).toHaveAttribute("data-status", "not-imported");
    await expect(pf.importResult("unrelated.zone")).toContainText("not imported — no member chosen");
    // beta's full export, dropped on its own and imported.
    await pf.drop([{ name: "beta.zone", text: portfolioZone(beta.domain, beta.address) }]);
    await expect(pf.matchRow("beta.zone").getByTestId("match-reason")).toHaveText("$ORIGIN is beta.test");
    await pf.importMatched();
    await expect(pf.importResult("beta.zone")).toContainText("imported into beta.test");
    for (const d of DOMAINS) await expect(pf.row(d).getByTestId("member-stage")).toHaveText("ready to check");

    // Check all: the table fills with a verdict for every member.
    await pf.checkAll({ allowPrivate: true, port: lab.port, rootHints: lab.rootHints });
    await expect(page.getByTestId("check-message")).toHaveText("3 check(s) queued.");
    for (const d of DOMAINS) {
      await expect(pf.row(d)).toHaveAttribute("data-stage", "checked", { timeout: 150_000 });
    }
    // beta.test's new operator lost a record: the one NO-GO, with its blockers counted.
    await expect(pf.row("project.test").getByTestId("member-verdict")).toHaveText("GO");
    await expect(pf.row("alpha.test").getByTestId("member-verdict")).toHaveText("GO");
    await expect(pf.row("beta.test").getByTestId("member-verdict")).toHaveText("NO-GO");
    await expect(pf.row("beta.test").getByTestId("member-blockers")).toHaveText(/^[1-9]\d*$/);
    await expect(page.getByTestId("portfolio-counts")).toHaveText("3 domain(s): 2 GO, 1 NO-GO, 0 not checked");
    await page.screenshot({ path: "e2e/artifacts/portfolio-table.png", fullPage: true });
    const table = await Promise.all(
      DOMAINS.map(async (d) => ({
        domain: d,
        verdict: (await pf.row(d).getAttribute("data-verdict"))!,
        blockers: await pf.row(d).getByTestId("member-blockers").textContent(),
      })),
    );

    // Filters: by verdict, then by stage.
    const noGo = table.filter((r) => r.verdict === "no-go").map((r) => r.domain);
    expect(noGo).toEqual(["beta.test"]);
    await pf.filter({ verdict: "no-go" });
    await expect(pf.rows()).toHaveCount(1);
    await expect(pf.row("beta.test")).toBeVisible();
    await page.getByTestId("members-card").screenshot({ path: "e2e/artifacts/portfolio-filtered.png" });
    await pf.filter({ stage: "sources" });
    await expect(pf.rows()).toHaveCount(0);
    await expect(page.getByTestId("no-members")).toBeVisible();
    await pf.filter({});
    await expect(pf.rows()).toHaveCount(3);

    // Downloads: the same rows as the table, private and not stored by caches.
    const csvDownload = page.waitForEvent("download");
    await page.getByTestId("download-csv").click();
    const csv = await csvDownload;
    const csvText = readFileSync((await csv.path())!, "utf8");
    const lines = csvText.trim().split("\r\n");
    expect(lines[0]).toBe(
      "domain,stage,verdict,blockers,warnings,run status,window start,window end,time zone,current operator,future operator,error,transfer id",
    );
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 4).join(","))).toEqual(
      table.map((r) => `${r.domain},checked,${r.verdict},${r.blockers}`),
    );
    const jsonDownload = page.waitForEvent("download");
    await page.getByTestId("download-json").click();
    const json = JSON.parse(readFileSync((await (await jsonDownload).path())!, "utf8"));
    expect(json.portfolio.name).toBe(name);
    expect(
      json.members.map((m: { domain: string; verdict: string; stage: string }) => [m.domain, m.stage, m.verdict]),
    ).toEqual(table.map((r) => [r.domain, "checked", r.verdict]));
    for (const ext of ["csv", "json"]) {
      const res = await page.request.get(
        new URL(`${new URL(page.url()).pathname}/summary.${ext}`, page.url()).toString(),
      );
      expect(res.headers()["cache-control"]).toBe("private, no-store");
      expect(res.headers()["content-disposition"]).toMatch(
        new RegExp(`^attachment; filename="portfolio-acme-[0-9a-f]{6}\\.${ext}"$`),
      );
    }

    // Drill-down: the member's existing checks page.
    await pf.row("alpha.test").getByTestId("member-checks-link").click();
    const alphaRow = table.find((r) => r.domain === "alpha.test")!;
    await expect(page.getByTestId("back-to-checks")).toBeVisible();
    await expect(page.getByTestId("verdict-badge").first()).toHaveText(alphaRow.verdict === "go" ? "GO" : "NO-GO");
    await expect(page.getByTestId("count-blockers")).toHaveText(alphaRow.blockers!);
    await page.screenshot({ path: join("e2e/artifacts", "portfolio-drilldown.png"), fullPage: true });
  });
});
