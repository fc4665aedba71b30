import { expect, type Locator, type Page } from "@playwright/test";

export interface NewPortfolio {
  name: string;
  /** The pasted list or CSV text. */
  members: string;
  losingRegistrar?: string;
  gainingRegistrar?: string;
  currentDnsOperator?: string;
  futureDnsOperator?: string;
  dnsHostingMoves?: "yes" | "no";
  newNameServers?: string;
}

export interface PortfolioCheckSpec {
  allowPrivate?: boolean;
  port?: number;
  rootHints?: string;
  ratePerServer?: number;
}

/** Portfolios: the new-portfolio form, the member table, dropped exports, checks and downloads. Built on data-testid and labels. */
export class PortfolioPage {
  constructor(private readonly page: Page) {}

  /** `rowErrors`: the rows the form must list (exact text) before the valid rows are confirmed. */
  async create(p: NewPortfolio, rowErrors?: string[]): Promise<string> {
    const page = this.page;
    await page.goto("/");
    await page.getByTestId("portfolios-link").click();
    await page.getByTestId("new-portfolio").click();
    await expect(page.getByRole("heading", { name: "New portfolio" })).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill(p.name);
    await page.getByLabel("Domains").fill(p.members);
    for (const [label, v] of [
      ["Losing registrar", p.losingRegistrar],
      ["Gaining registrar", p.gainingRegistrar],
      ["Current DNS operator", p.currentDnsOperator],
      ["Future DNS operator", p.futureDnsOperator],
    ] as const) {
      if (v !== undefined) await page.getByLabel(label).fill(v);
    }
    if (p.dnsHostingMoves) await page.getByTestId(`dns-moves-${p.dnsHostingMoves}`).check();
    if (p.newNameServers !== undefined) await page.getByLabel("New operator's name servers").fill(p.newNameServers);
    await page.getByTestId("create-portfolio").click();
    if (rowErrors) {
      // Nothing is created until the person confirms the valid rows alone.
      await expect(page.getByTestId("row-error")).toHaveText(rowErrors);
      await page.getByTestId("confirm-partial").check();
      await page.getByTestId("create-portfolio").click();
    }
    await page.waitForURL(
      (url) => /^\/portfolios\/[a-z0-9]+$/.test(url.pathname) && url.pathname !== "/portfolios/new",
    );
    await expect(page.getByTestId("portfolio-title")).toHaveText(p.name);
    return new URL(page.url()).pathname.split("/").pop()!;
  }

  rows(): Locator {
    return this.page.getByTestId("member-row");
  }

  row(domain: string): Locator {
    return this.page.locator(`[data-testid="member-row"][data-domain="${domain}"]`);
  }

  /** Drop files (name + content); waits for the match table. */
  async drop(files: { name: string; text: string }[]) {
    await this.page
      .getByTestId("drop-input")
      .setInputFiles(files.map((f) => ({ name: f.name, mimeType: "text/plain", buffer: Buffer.from(f.text) })));
    await expect(this.page.getByTestId("match-row")).toHaveCount(files.length);
  }

  matchRow(file: string): Locator {
    return this.page.locator(`[data-testid="match-row"][data-file="${file}"]`);
  }

  /** Override the member a file is imported into ("" = do not import). */
  async assign(file: string, domain: string) {
    await this.matchRow(file)
      .getByTestId("match-member")
      .selectOption(domain === "" ? { value: "" } : { label: domain });
  }

  async importMatched() {
    await this.page.getByTestId("import-matched").click();
    await expect(this.page.getByTestId("import-results")).toBeVisible({ timeout: 30_000 });
  }

  importResult(file: string): Locator {
    return this.page.locator(`[data-testid="import-result"][data-file="${file}"]`);
  }

  async checkAll(spec: PortfolioCheckSpec) {
    const p = this.page;
    await p.getByTestId("check-options").locator("summary").click();
    if (spec.allowPrivate) await p.getByLabel("Allow private and loopback addresses (lab)").check();
    if (spec.port !== undefined) await p.getByLabel("Port", { exact: true }).fill(String(spec.port));
    if (spec.rootHints !== undefined) await p.getByLabel("Root hints (lab)").fill(spec.rootHints);
    if (spec.ratePerServer !== undefined)
      await p.getByLabel("Queries per second per server").fill(String(spec.ratePerServer));
    await p.getByTestId("check-all").click();
    await expect(p.getByTestId("check-message")).toBeVisible();
  }

  async filter(f: { stage?: string; verdict?: string }) {
    await this.page.getByTestId("filter-stage").selectOption(f.stage ?? "");
    await this.page.getByTestId("filter-verdict").selectOption(f.verdict ?? "");
    await this.page.getByTestId("apply-filters").click();
    await this.page.waitForURL(/\?/);
  }
}
