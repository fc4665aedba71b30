import { expect, type Locator, type Page } from "@playwright/test";

export class RecordsPage {
  constructor(private readonly page: Page) {}

  rows(): Locator {
    return this.page.getByTestId("record-row");
  }

  /** The row whose owner, type and value cells match exactly. */
  row(owner: string, type: string, value: string): Locator {
    return this.rows()
      .filter({ has: this.page.getByTestId("cell-owner").getByText(owner, { exact: true }) })
      .filter({ has: this.page.getByTestId("cell-type").getByText(type, { exact: true }) })
      .filter({ has: this.page.getByTestId("cell-value").getByText(value) });
  }

  sourceBadges(row: Locator): Locator {
    return row.getByTestId("source-badge");
  }

  async loaded() {
    await expect(this.page.getByTestId("records-loading")).toHaveCount(0);
    await expect(this.page.getByTestId("records-count")).toBeVisible();
  }

  async filterName(text: string) {
    await this.page.getByTestId("filter-name").fill(text);
  }

  async filterType(type: string) {
    await this.page.getByTestId("filter-type").selectOption(type);
  }

  async filterSource(label: string) {
    await this.page.getByTestId("filter-source").selectOption({ label });
  }

  count(): Locator {
    return this.page.getByTestId("records-count");
  }

  scroller(): Locator {
    return this.page.getByTestId("records-scroll");
  }

  providerDetail(): Locator {
    return this.page.getByTestId("provider-detail");
  }
}
