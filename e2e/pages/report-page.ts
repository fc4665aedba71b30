import type { Locator, Page } from "@playwright/test";

export class ReportPage {
  constructor(private readonly page: Page) {}

  countRow(type: string): Locator {
    return this.page.getByTestId(`count-${type}`);
  }

  providerRecords(): Locator {
    return this.page.getByTestId("provider-record");
  }

  providerRecord(text: string): Locator {
    return this.providerRecords().filter({ hasText: text });
  }

  diagnostics(): Locator {
    return this.page.getByTestId("diagnostic");
  }
}
