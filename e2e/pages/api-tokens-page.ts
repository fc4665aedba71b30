import { expect, type Page } from "@playwright/test";

/** Settings → API tokens: create (shown once), list, revoke. */
export class ApiTokensPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/");
    await this.page.getByTestId("api-tokens-link").click();
    await expect(this.page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  }

  /** Creates a token and returns its value, read from the one place it is ever shown. */
  async create(name: string, scope: "read" | "write"): Promise<string> {
    await this.page.getByTestId("token-name").fill(name);
    await this.page.getByTestId("token-scope").selectOption(scope);
    await this.page.getByTestId("create-token").click();
    await expect(this.page.getByTestId("new-token")).toContainText(name);
    return this.page.getByTestId("new-token-value").inputValue();
  }

  shownToken() {
    return this.page.getByTestId("new-token-value");
  }

  row(name: string) {
    return this.page.locator(`[data-testid="token-item"][data-name="${name}"]`);
  }

  async revoke(name: string) {
    await this.row(name).getByTestId("revoke-token").click();
    await expect(this.row(name).getByTestId("token-status")).toHaveText(/^revoked \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  }
}
