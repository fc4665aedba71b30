import { randomBytes } from "node:crypto";
import type { APIResponse, Page, Response } from "@playwright/test";
// Pages start signed in as a seeded staff member (e2e/support/test.ts).
import { expect, test } from "./support/test";
import { lockedCsp, parseCsp, scriptNonce } from "../lib/security/csp";
import { BASE_HEADERS } from "../lib/security/headers";
import { scanClientBundles } from "../lib/security/scan-client-bundles";
import { NewTransferPage } from "./pages/new-transfer-page";
import { RecordsPage } from "./pages/records-page";
import { TransferPage } from "./pages/transfer-page";

// Security headers on every response, a nonce-only script
// policy on pages, and pages that still hydrate under it with no violation.

const parties = {
  losingRegistrar: "Old Registrar GmbH",
  gainingRegistrar: "New Registrar Ltd",
  currentDnsOperator: "Old Host DNS",
  futureDnsOperator: "Amazon Route 53",
};

type AnyResponse = APIResponse | Response;

/** The base set, exactly once each, and exactly one CSP header (two would both be enforced). */
async function expectBaseHeaders(r: AnyResponse): Promise<string> {
  const list = await r.headersArray();
  for (const h of BASE_HEADERS) {
    expect(
      list.filter((x) => x.name.toLowerCase() === h.key.toLowerCase()),
      h.key,
    ).toEqual([{ name: expect.any(String), value: h.value }]);
  }
  const csp = list.filter((x) => x.name.toLowerCase() === "content-security-policy");
  expect(csp, "one Content-Security-Policy header").toHaveLength(1);
  // Policies merged into one header value would be enforced together.
  expect(csp[0].value).not.toContain(",");
  expect(list.some((x) => x.name.toLowerCase() === "x-powered-by")).toBe(false);
  return csp[0].value;
}

/** A page policy: a fresh nonce, no inline script without it, nothing framed. */
function expectPageCsp(csp: string): string {
  const p = parseCsp(csp);
  const nonce = scriptNonce(csp);
  expect(nonce, `nonce in ${csp}`).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(p.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(p.get("default-src")).toEqual(["'self'"]);
  expect(p.get("object-src")).toEqual(["'none'"]);
  expect(p.get("base-uri")).toEqual(["'none'"]);
  expect(p.get("frame-ancestors")).toEqual(["'none'"]);
  expect(p.get("form-action")).toEqual(["'self'"]);
  expect(p.get("connect-src")).toEqual(["'self'"]);
  expect(p.get("img-src")).toEqual(["'self'", "data:"]);
  return nonce!;
}

/** Every <script> in the HTML carries the response's nonce: Next applied it. */
function expectScriptsNonced(html: string, nonce: string) {
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(2);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
}

interface Watch {
  problems: string[];
}

/** Collects CSP violations (DOM event and console) and any console error. */
async function watch(page: Page): Promise<Watch> {
  const w: Watch = { problems: [] };
  await page.exposeFunction("__reportCspViolation", (text: string) => w.problems.push(`violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCspViolation(t: string): void }).__reportCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy/i.test(m.text()))
      w.problems.push(`console ${m.type()}: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => w.problems.push(`page error: ${e.message}`));
  return w;
}

/** React attached its fiber to the node: the tree hydrated. */
async function expectHydrated(page: Page, testId: string) {
  await expect
    .poll(() => page.getByTestId(testId).evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactFiber$"))))
    .toBe(true);
}

test("home page: security headers, a fresh nonce per response, nonced scripts", async ({ request }) => {
  const a = await request.get("/");
  expect(a.status()).toBe(200);
  const nonceA = expectPageCsp(await expectBaseHeaders(a));
  expectScriptsNonced(await a.text(), nonceA);

  const b = await request.get("/");
  const nonceB = expectPageCsp(await expectBaseHeaders(b));
  expect(nonceB).not.toBe(nonceA);

  // A client-sent policy cannot choose the nonce Next renders.
  const forged = await request.get("/", {
    headers: {
      "content-security-policy": "script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA=='",
      "x-nonce": "AAAAAAAAAAAAAAAAAAAAAA==",
    },
  });
  const nonceC = expectPageCsp(await expectBaseHeaders(forged));
  expect(nonceC).not.toBe("AAAAAAAAAAAAAAAAAAAAAA==");
  expectScriptsNonced(await forged.text(), nonceC);
});

test("404 page: headers and nonced scripts; an unknown API path is locked down", async ({ request }) => {
  const page404 = await request.get(`/no-such-page-${randomBytes(3).toString("hex")}`);
  expect(page404.status()).toBe(404);
  const nonce = expectPageCsp(await expectBaseHeaders(page404));
  expectScriptsNonced(await page404.text(), nonce);

  const api404 = await request.get("/api/no-such-route");
  expect(api404.status()).toBe(404);
  expect(await expectBaseHeaders(api404)).toBe(lockedCsp());
});

test("static asset and route handlers carry the header set", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const asset = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(asset).toBeDefined();
  const js = await request.get(asset!);
  expect(js.status()).toBe(200);
  expect(js.headers()["content-type"]).toMatch(/javascript/);
  expect(await expectBaseHeaders(js)).toBe(lockedCsp());

  const css = /<link[^>]+href="(\/_next\/static\/[^"]+\.css)"/.exec(html)?.[1];
  expect(css).toBeDefined();
  expect(await expectBaseHeaders(await request.get(css!))).toBe(lockedCsp());

  // JSON API route handler (404 JSON for an unknown transfer).
  const api = await request.get("/api/transfers/no-such-transfer/records");
  expect(api.headers()["content-type"]).toMatch(/json/);
  expect(await expectBaseHeaders(api)).toBe(lockedCsp());

  // A route handler outside /api goes through the proxy: the page policy is harmless on JSON.
  const jwks = await request.get("/.well-known/cutover-signing-key");
  expect(jwks.status()).toBe(200);
  expectPageCsp(await expectBaseHeaders(jwks));
});

test("pages hydrate and react under the CSP with no violation", async ({ page, request }) => {
  const w = await watch(page);
  const home = await page.goto("/");
  expectPageCsp(await expectBaseHeaders(home!));
  await expectHydrated(page, "new-transfer");

  // A marker on window survives only client-side navigation and submits.
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  const noReload = () => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

  const form = new NewTransferPage(page);
  await page.getByTestId("new-transfer").click();
  await expect(page.getByRole("heading", { name: "New transfer" })).toBeVisible();
  expect(await noReload()).toBe(true);
  await expectHydrated(page, "new-transfer-form");

  // Radio buttons: the required group blocks the submit in the browser.
  await form.fill({ domain: "not a domain", ...parties });
  await form.submit();
  expect(await page.getByTestId("dns-moves-yes").evaluate((el: HTMLInputElement) => el.validity.valueMissing)).toBe(
    true,
  );
  await page.getByTestId("dns-moves-yes").check();
  await expect(page.getByTestId("dns-moves-no")).not.toBeChecked();
  await page.getByTestId("dns-moves-no").check();
  await expect(page.getByTestId("dns-moves-yes")).not.toBeChecked();

  // The server action runs through React (no reload) and its errors render in place.
  await form.submit();
  await expect(page.getByTestId("error-domain")).toContainText("Not a valid domain name");
  expect(await noReload()).toBe(true);
  await expect(page.getByTestId("dns-moves-no")).toBeChecked();

  await page.getByLabel("Domain").fill(`csp-${randomBytes(4).toString("hex")}.test`);
  await form.submit();
  await form.waitForTransferPage();
  expect(await noReload()).toBe(true);

  // The transfer page itself: headers on a full load, then a client-only control.
  const transfer = await page.goto(page.url());
  expectPageCsp(await expectBaseHeaders(transfer!));
  await expectHydrated(page, "file-input");
  await page.getByTestId("file-input").setInputFiles({
    name: "example.zone",
    mimeType: "text/plain",
    buffer: Buffer.from("$ORIGIN example.test.\n@ 3600 IN A 192.0.2.1\n"),
  });
  await expect(page.getByTestId("upload-summary")).toHaveText("1 file → 1 source");

  // The 404 page's built-in inline <style> must not trip the policy either.
  const missing = await page.goto(`/no-such-page-${randomBytes(3).toString("hex")}`);
  expect(missing!.status()).toBe(404);
  await expect(page.getByTestId("home-link")).toBeVisible();
  await expectHydrated(page, "home-link");

  // An API path the proxy skips still answers with the locked policy here.
  expect(
    await expectBaseHeaders(
      await request.get(`${new URL(transfer!.url()).pathname.replace("/transfers/", "/api/transfers/")}/records`),
    ),
  ).toBe(lockedCsp());

  // The browser logs the deliberate 404 and its own favicon probe (the app has no icon) as console errors.
  const expected404 = new Set([missing!.url(), new URL("/favicon.ico", missing!.url()).href]);
  const unexpected = w.problems.filter((p) => {
    const m = /^console error: Failed to load resource: .* status of 404 \(Not Found\) \((.*)\)$/.exec(p);
    return !(m && expected404.has(m[1]));
  });
  expect(unexpected).toEqual([]);
});

test("an import, the records table and the transfer's pages work under the CSP with no violation", async ({ page }) => {
  const w = await watch(page);
  const domain = `csp-${randomBytes(4).toString("hex")}.test`;
  const id = await new NewTransferPage(page).create({ domain, ...parties, dnsHostingMoves: "yes" });
  const zone = [
    `$ORIGIN ${domain}.`,
    "$TTL 3600",
    "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600",
    "@ IN NS ns1",
    "ns1 IN A 192.0.2.1",
    "www IN A 192.0.2.2",
    "",
  ].join("\n");
  const transfer = new TransferPage(page);
  // Client-side fetch to the upload route handler, then a router refresh.
  await transfer.uploadAndWait({
    label: "csp zone",
    files: [{ name: "csp.zone", mimeType: "text/plain", buffer: Buffer.from(zone) }],
  });

  // The records table fetches /api/…/records in the browser and renders a virtualised list (inline style attributes).
  await transfer.openRecords();
  const records = new RecordsPage(page);
  await records.loaded();
  await expect(records.row(`www.${domain}.`, "A", "192.0.2.2")).toHaveCount(1);

  for (const sub of ["checks", "schedule", "checklist"]) {
    const r = await page.goto(`/transfers/${id}/${sub}`);
    expect(r!.status(), sub).toBe(200);
    expectPageCsp(await expectBaseHeaders(r!));
    await expectHydrated(page, "home-link");
  }
  // The favicon probe is the browser's, not the app's.
  expect(w.problems.filter((p) => !p.includes("/favicon.ico)"))).toEqual([]);
});

test("a page's nonce is enforced: an injected inline script without it does not run", async ({ page }) => {
  const w = await watch(page);
  await page.goto("/");
  await expectHydrated(page, "new-transfer");
  const ran = await page.evaluate(async () => {
    const s = document.createElement("div");
    // Parsed markup, as an HTML injection would arrive.
    s.innerHTML = '<img src="x:" onerror="window.__injected = true">';
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 200));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  expect(w.problems.some((p) => p.startsWith("violation: script-src"))).toBe(true);
});

test("no client bundle contains server-only configuration", () => {
  const report = scanClientBundles(process.cwd(), process.env.NEXT_DIST_DIR ?? ".next");
  expect(report.chunks).toBeGreaterThan(5);
  expect(report.serverNames).toContain("DATABASE_URL");
  expect(report.serverNames).toContain("CUTOVER_SIGNING_KEY_FILE");
  expect(report.findings).toEqual([]);
});
