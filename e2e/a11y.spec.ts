/**
 * axe-core on every page, at desktop width and at 390 px: no serious or critical violation. The pages are reached
 * as users reach them (the sign page through its link, the invite page through a freshly made invite).
 */
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { seedCockpit } from "./support/seed-cockpit-call";
import { PortfolioPage } from "./pages/portfolio-page";

const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "mobile", viewport: { width: 390, height: 844 } },
] as const;

async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 5)
          .join(", ")}`,
    );
}

async function check(page: Page, name: string, path: string, size: string) {
  await page.goto(path);
  await page.waitForLoadState("load");
  // Disclosures open, so the forms inside are checked too.
  for (const d of await page.locator("details:not([open]) > summary").all()) if (await d.isVisible()) await d.click();
  expect.soft(await seriousViolations(page), `${name} at ${size}`).toEqual([]);
  await page.screenshot({ path: `e2e/artifacts/a11y-${name}-${size}.png`, fullPage: true });
}

for (const size of SIZES) {
  test.describe(`${size.name}`, () => {
    test.use({ viewport: size.viewport });

    test(`every page has no serious or critical axe violation (${size.name})`, async ({ page, browser }) => {
      test.setTimeout(360_000);
      const tag = `a11y-${size.name}-${randomBytes(3).toString("hex")}`;
      const signing = seedCockpit<{ id: string; sources: string[]; signUrlPath: string }>("signing-stale", { tag });
      const run = seedCockpit<{ id: string; runId: string }>("subjects", { tag: `${tag}-run` });
      const id = signing.id;

      // An invite made on the transfer page, opened as the maintainer would.
      await page.goto(`/transfers/${id}`);
      await page.getByTestId("invite-label").fill("Jane, owner's IT");
      await page.getByTestId("create-invite").click();
      const inviteUrl = new URL(await page.getByTestId("new-invite-url").inputValue());

      // A portfolio of two domains, made through its form, so its page has members to show.
      const portfolioId = await new PortfolioPage(page).create({
        name: `Portfolio ${tag}`,
        members: [`${tag}-one.test`, `${tag}-two.test`].join("\n"),
        losingRegistrar: "Old Registrar GmbH",
        gainingRegistrar: "New Registrar Ltd",
        currentDnsOperator: "Old Host DNS",
        futureDnsOperator: "New Host DNS",
        dnsHostingMoves: "yes",
      });

      const pages: [string, string][] = [
        ["dashboard", "/"],
        ["new-transfer", "/transfers/new"],
        ["transfer", `/transfers/${id}`],
        ["records", `/transfers/${id}/records`],
        ["source-report", `/transfers/${id}/sources/${signing.sources[0]}`],
        ["checks", `/transfers/${run.id}/checks`],
        ["run", `/transfers/${run.id}/checks/${run.runId}`],
        ["schedule", `/transfers/${id}/schedule`],
        ["checklist", `/transfers/${id}/checklist`],
        ["printable", `/transfers/${id}/checklist/print`],
        ["glossary", "/glossary"],
        ["portfolios", "/portfolios"],
        ["new-portfolio", "/portfolios/new"],
        ["portfolio", `/portfolios/${portfolioId}`],
        ["api-tokens", "/settings/api-tokens"],
        ["webhooks", "/settings/webhooks"],
      ];
      for (const [name, path] of pages) await check(page, name, path, size.name);

      // Capability pages and sign-in, without a staff session.
      const anon = await browser.newContext({ viewport: size.viewport });
      const p = await anon.newPage();
      await check(p, "sign", signing.signUrlPath, size.name);
      await check(p, "invite", inviteUrl.pathname, size.name);
      await check(p, "link-invalid", `/sign/${randomBytes(32).toString("base64url")}`, size.name);
      await check(p, "sign-in", "/sign-in", size.name);
      await anon.close();
    });
  });
}
