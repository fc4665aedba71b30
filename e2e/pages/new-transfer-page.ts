import { expect, type Page } from "@playwright/test";

export interface NewTransfer {
  domain: string;
  losingRegistrar: string;
  gainingRegistrar: string;
  currentDnsOperator: string;
  futureDnsOperator: string;
  /** undefined leaves the question unanswered (to test that the form refuses). */
  dnsHostingMoves?: "yes" | "no";
}

export class NewTransferPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/");
    await this.page.getByTestId("new-transfer").click();
    await expect(this.page.getByRole("heading", { name: "New transfer" })).toBeVisible();
  }

  async fill(t: NewTransfer) {
    await this.page.getByLabel("Domain").fill(t.domain);
    await this.page.getByLabel("Losing registrar").fill(t.losingRegistrar);
    await this.page.getByLabel("Gaining registrar").fill(t.gainingRegistrar);
    await this.page.getByLabel("Current DNS operator").fill(t.currentDnsOperator);
    await this.page.getByLabel("Future DNS operator").fill(t.futureDnsOperator);
    if (t.dnsHostingMoves) await this.page.getByTestId(`dns-moves-${t.dnsHostingMoves}`).check();
  }

  async submit() {
    await this.page.getByTestId("create-transfer").click();
  }

  /** The form page itself is /transfers/new: wait for a real transfer id. */
  async waitForTransferPage() {
    await this.page.waitForURL(
      (url) => /^\/transfers\/[a-z0-9]+$/.test(url.pathname) && url.pathname !== "/transfers/new",
    );
    await expect(this.page.getByTestId("transfer-facts")).toBeVisible();
  }

  /**
   * Creates the transfer and returns its id from the URL. Specs that reuse a lab domain (project.test) confirm the
   * duplicate warning a second transfer for it shows.
   */
  async create(t: NewTransfer): Promise<string> {
    await this.goto();
    await this.fill(t);
    await this.submit();
    const warning = this.page.getByTestId("duplicate-warning");
    await expect(warning.or(this.page.getByTestId("transfer-facts"))).toBeVisible();
    if (await warning.isVisible()) await this.page.getByTestId("confirm-duplicate").click();
    await this.waitForTransferPage();
    return new URL(this.page.url()).pathname.split("/").pop()!;
  }
}
