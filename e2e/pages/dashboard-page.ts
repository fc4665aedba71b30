import { expect, type Locator, type Page } from "@playwright/test";

export interface DashboardFilters {
  q?: string;
  stage?: string;
  verdict?: string;
  registrar?: string;
  archived?: "" | "include" | "only";
  window7d?: boolean;
}

/** The dashboard of transfers (/): filters in a GET form, so every filter lands in the URL. */
export class DashboardPage {
  constructor(private readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/${query}`);
    await expect(this.page.getByRole("heading", { name: "Transfers" })).toBeVisible();
  }

  async filter(f: DashboardFilters) {
    const p = this.page;
    if (f.q !== undefined) await p.getByTestId("filter-q").fill(f.q);
    if (f.stage !== undefined) await p.getByTestId("filter-stage").selectOption(f.stage);
    if (f.verdict !== undefined) await p.getByTestId("filter-verdict").selectOption(f.verdict);
    if (f.registrar !== undefined) await p.getByTestId("filter-registrar").selectOption(f.registrar);
    if (f.archived !== undefined) await p.getByTestId("filter-archived").selectOption(f.archived);
    if (f.window7d !== undefined) await p.getByTestId("filter-window").setChecked(f.window7d);
    await p.getByTestId("filter-apply").click();
    await p.waitForLoadState("load");
  }

  rows(): Locator {
    return this.page.getByTestId("transfer-item");
  }

  row(domain: string): Locator {
    return this.rows().filter({ has: this.page.getByTestId("transfer-link").filter({ hasText: domain }) });
  }

  async domains(): Promise<string[]> {
    return (await this.page.getByTestId("transfer-link").allTextContents()).map((t) => t.trim()).sort();
  }
}
