import { expect, type Page } from "@playwright/test";

/** Cutover's sign-in page: password form and the single sign-on button. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto(baseURL: string) {
    await this.page.goto(`${baseURL}/sign-in`);
    await expect(this.page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  }

  ssoButton() {
    return this.page.getByTestId("sign-in-sso");
  }

  /** Starts the OIDC flow; the browser leaves for the provider. */
  async startSso(label: string) {
    await expect(this.ssoButton()).toHaveText(label);
    await this.ssoButton().click();
  }

  error() {
    return this.page.getByTestId("sign-in-error");
  }
}

/** The OpenID provider's login and consent screens (oidc-provider's development interactions). */
export class ProviderLoginPage {
  constructor(private readonly page: Page) {}

  async signIn(issuer: string, login: string, password: string) {
    await this.page.waitForURL((u) => u.href.startsWith(`${issuer}/interaction/`));
    await this.page.locator('input[name="login"]').fill(login);
    await this.page.locator('input[name="password"]').fill(password);
    await this.page.getByRole("button", { name: "Sign-in" }).click();
  }

  /** The consent screen appears the first time a client asks for scopes. */
  async consent() {
    await this.page.getByRole("button", { name: "Continue" }).click();
  }
}

/** The staff home page: who is signed in and their organisation's transfers. */
export class HomePage {
  constructor(private readonly page: Page) {}

  signedInAs() {
    return this.page.getByTestId("signed-in-as");
  }

  transfers() {
    return this.page.getByTestId("transfer-item");
  }
}
