import { expect, type Page } from "@playwright/test";

/** Settings → Webhooks: add (secret shown once), delete, the delivery log. */
export class WebhooksPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/");
    await this.page.getByTestId("webhooks-link").click();
    await expect(this.page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  }

  /** Adds a webhook and returns its signing secret, read from the one place it is shown. */
  async add(url: string): Promise<string> {
    await this.page.getByTestId("webhook-url").fill(url);
    await this.page.getByTestId("create-webhook").click();
    await expect(this.page.getByTestId("new-webhook")).toContainText(url);
    return this.page.getByTestId("new-webhook-secret").inputValue();
  }

  deliveries(event: string) {
    return this.page.locator(`[data-testid="delivery-item"][data-event="${event}"]`);
  }

  async deleteAll() {
    while ((await this.page.getByTestId("delete-webhook").count()) > 0) {
      const n = await this.page.getByTestId("webhook-item").count();
      await this.page.getByTestId("delete-webhook").first().click();
      await expect(this.page.getByTestId("webhook-item")).toHaveCount(n - 1);
    }
  }
}
