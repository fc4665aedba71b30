import { expect, type Page } from "@playwright/test";

/** The maintainer's checklist page. */
export class ChecklistPage {
  constructor(private readonly page: Page) {}

  async goto(transferId: string) {
    await this.page.goto(`/transfers/${transferId}/checklist`);
    await expect(this.page.getByRole("heading", { name: "Go/no-go checklist" })).toBeVisible();
  }

  async createRevision(expectedNumber: number) {
    await this.page.getByTestId("create-revision").click();
    await expect(
      this.page.getByTestId("current-revision").getByRole("heading", { name: `Current revision ${expectedNumber}` }),
    ).toBeVisible();
  }

  /** Creates a link for `role` and returns the URL shown once. */
  async createLink(role: string): Promise<string> {
    const field = this.page.getByTestId("new-link-url");
    const before = (await field.count()) > 0 ? await field.inputValue() : "";
    await this.page.getByTestId("link-role").selectOption(role);
    await this.page.getByTestId("create-link").click();
    // Each link is new: wait for a URL other than the one shown before.
    await expect(field).not.toHaveValue(before === "" ? /^$/ : before);
    await expect(this.page.getByTestId("new-link-role")).toHaveText(role);
    return field.inputValue();
  }

  signoffRow(role: string, stale: boolean) {
    return this.page.locator(`[data-testid="signoff-row"][data-role="${role}"][data-stale="${stale}"]`);
  }
}

/** A signer's page behind a capability link. */
export class SignPage {
  constructor(private readonly page: Page) {}

  async open(url: string) {
    await this.page.goto(url);
    await expect(this.page.getByTestId("sign-role")).toBeVisible();
  }

  async approve(name: string) {
    await this.page.getByLabel("Your name").fill(name);
    await this.page.getByTestId("decision-approve").check();
    await this.page.getByTestId("submit-signoff").click();
    // The page re-renders with the recorded decision bound to the revision.
    await expect(this.page.getByTestId("sign-result")).toHaveText(
      new RegExp(`^You \\(${name}\\) approved revision \\d+ at `),
    );
  }

  async reject(name: string, reason: string) {
    await this.page.getByLabel("Your name").fill(name);
    await this.page.getByTestId("decision-reject").check();
    await this.page.getByLabel("Reason (required)").fill(reason);
    await this.page.getByTestId("submit-signoff").click();
    await expect(this.page.getByTestId("sign-result")).toContainText(`You (${name}) rejected (${reason}) revision`);
  }
}
