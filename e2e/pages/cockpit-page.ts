import { expect, type Locator, type Page } from "@playwright/test";

/** The transfer page's cockpit parts: the stepper, the facts editor and source removal. */
export class CockpitPage {
  constructor(private readonly page: Page) {}

  async goto(transferId: string) {
    await this.page.goto(`/transfers/${transferId}`);
    await expect(this.page.getByTestId("stepper")).toBeVisible();
  }

  step(id: string): Locator {
    return this.page.locator(`[data-testid="step"][data-step="${id}"]`);
  }

  async states(): Promise<Record<string, string>> {
    const steps = await this.page.getByTestId("step").all();
    return Object.fromEntries(
      await Promise.all(
        steps.map(async (s) => [await s.getAttribute("data-step"), await s.getAttribute("data-state")]),
      ),
    );
  }

  async editFacts(
    values: Partial<
      Record<"losingRegistrar" | "gainingRegistrar" | "currentDnsOperator" | "futureDnsOperator", string>
    > & { dnsHostingMoves?: "yes" | "no" },
  ) {
    const p = this.page;
    const details = p.getByTestId("edit-facts");
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator("summary").click();
    for (const [k, v] of Object.entries(values)) {
      if (k === "dnsHostingMoves") await p.getByTestId(`edit-dns-moves-${v}`).check();
      else await p.locator(`#edit-${k}`).fill(v);
    }
    await p.getByTestId("save-facts").click();
    await expect(p.getByTestId("facts-saved")).toBeVisible();
  }

  source(label: string): Locator {
    return this.page
      .getByTestId("source-item")
      .filter({ has: this.page.getByTestId("source-link").filter({ hasText: label }) });
  }

  /** Remove a source with a reason, optionally naming its replacement; `double` clicks twice as an impatient user would. */
  async removeSource(label: string, reason: string, replacedBy?: string, double = false) {
    const item = this.source(label);
    await item.getByTestId("remove-source").locator("summary").click();
    await item.getByTestId("remove-reason").fill(reason);
    if (replacedBy) await item.getByTestId("remove-replaced-by").selectOption({ label: replacedBy });
    if (double) await item.getByTestId("remove-submit").dblclick();
    else await item.getByTestId("remove-submit").click();
    await expect(this.source(label)).toHaveCount(0);
  }
}
