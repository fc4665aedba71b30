import { randomBytes } from "node:crypto";
import { expect, test } from "./support/test";
import { ApiTokensPage } from "./pages/api-tokens-page";

test("staff create an API token (shown once), the API answers it with its scope, and once revoked it is refused", async ({
  page,
  request,
}) => {
  const tokens = new ApiTokensPage(page);
  await tokens.open();
  const name = `ci-${randomBytes(3).toString("hex")}`;
  const write = await tokens.create(name, "write");
  expect(write).toMatch(/^cutover_[A-Za-z0-9_-]{43}$/);
  await expect(tokens.row(name)).toContainText("write");
  await expect(tokens.row(name).getByTestId("token-last-used")).toHaveText("never");
  await page.screenshot({ path: "e2e/artifacts/api-token-created.png", fullPage: true });

  // The token works from any HTTP client; a session cookie does not stand in for it.
  const auth = { authorization: `Bearer ${write}` };
  const list = await request.get("/api/v1/transfers", { headers: auth });
  expect(list.status()).toBe(200);
  expect(await list.json()).toHaveProperty("transfers");
  expect((await page.request.get("/api/v1/transfers")).status()).toBe(401);
  const created = await request.post("/api/v1/transfers", {
    headers: auth,
    data: {
      domain: `${name}.test`,
      losingRegistrar: "Old Reg",
      gainingRegistrar: "New Reg",
      currentDnsOperator: "Old Host",
      futureDnsOperator: "New Host",
      dnsHostingMoves: false,
    },
  });
  expect(created.status()).toBe(201);
  const doc = await (await request.get("/api/openapi.json")).json();
  expect(doc.openapi).toMatch(/^3\.1\./);
  expect(Object.keys(doc.paths)).toContain("/api/v1/transfers/{id}/runs");

  // Reloaded: the token is not shown again; its last use is.
  await page.reload();
  await expect(tokens.shownToken()).toHaveCount(0);
  await expect(tokens.row(name).getByTestId("token-last-used")).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);

  // A read token reads, and may not write.
  const read = await tokens.create(`${name}-read`, "read");
  expect((await request.get("/api/v1/transfers", { headers: { authorization: `Bearer ${read}` } })).status()).toBe(200);
  const refused = await request.post("/api/v1/transfers", { headers: { authorization: `Bearer ${read}` }, data: {} });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("FORBIDDEN");

  await tokens.revoke(name);
  const after = await request.get("/api/v1/transfers", { headers: auth });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("UNAUTHENTICATED");
});
