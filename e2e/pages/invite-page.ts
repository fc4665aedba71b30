import { expect, type Page } from "@playwright/test";

/** The maintainer's invite page behind a capability link (no staff session). */
export class InvitePage {
  constructor(private readonly page: Page) {}

  async open(url: string) {
    await this.page.goto(url);
    await expect(this.page.getByTestId("invite-domain")).toBeVisible();
  }

  field(name: "organisation" | "contact-name" | "contact-email" | "contact-phone" | "on-call-by") {
    return this.page.getByTestId(`answer-${name}`);
  }

  hosting(answer: "yes" | "no") {
    return this.page.getByTestId(`answer-moves-${answer}`);
  }

  async save() {
    await this.page.getByTestId("answer-submit").click();
    await expect(this.page.getByTestId("answer-result")).toHaveText("Thank you: your answers were saved.");
  }
}

/** Staff side: create a maintainer invite on the transfer page and return its URL (shown once). */
export async function createInvite(page: Page, transferId: string, label: string): Promise<string> {
  await page.goto(`/transfers/${transferId}`);
  await page.getByTestId("invite-label").fill(label);
  await page.getByTestId("create-invite").click();
  return page.getByTestId("new-invite-url").inputValue();
}
