import { createHmac, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./support/test";
import { NewTransferPage } from "./pages/new-transfer-page";
import { WebhooksPage } from "./pages/webhooks-page";

test("a webhook receives a signed event when staff invite a maintainer; the delivery log shows it; e-mail is off and the page says so", async ({
  page,
}) => {
  const received: { body: string; signature: string | undefined; event: string | undefined }[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        body: Buffer.concat(chunks).toString("utf8"),
        signature: req.headers["x-cutover-signature"] as string | undefined,
        event: req.headers["x-cutover-event"] as string | undefined,
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  try {
    const hooks = new WebhooksPage(page);
    await hooks.open();
    await hooks.deleteAll();
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cutover`;
    const secret = await hooks.add(url);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await page.reload();
    await expect(page.getByTestId("new-webhook-secret")).toHaveCount(0);
    await expect(page.getByTestId("webhook-item")).toContainText(url);

    const domain = `hook-${randomBytes(4).toString("hex")}.test`;
    const id = await new NewTransferPage(page).create({
      domain,
      losingRegistrar: "Old Reg",
      gainingRegistrar: "New Reg",
      currentDnsOperator: "Old Host",
      futureDnsOperator: "New Host",
      dnsHostingMoves: "no",
    });
    await page.getByTestId("invite-label").fill("Mia, owner's IT");
    await page.getByTestId("create-invite").click();
    await expect(page.getByTestId("new-invite-url")).toBeVisible();
    await expect(page.getByTestId("new-invite-mail")).toHaveText(/^E-mail is off on this server/);

    await expect
      .poll(() => received.filter((r) => r.event === "invite.issued" && r.body.includes(id)).length, {
        timeout: 15_000,
      })
      .toBe(1);
    const hit = received.find((r) => r.event === "invite.issued" && r.body.includes(id))!;
    expect(hit.signature).toBe("sha256=" + createHmac("sha256", secret).update(hit.body).digest("hex"));
    expect(JSON.parse(hit.body)).toMatchObject({
      type: "invite.issued",
      transfer: { id, domain },
      data: { label: "Mia, owner's IT" },
    });
    expect(hit.body).not.toContain((await page.getByTestId("new-invite-url").inputValue()).split("/").at(-1)!);

    await hooks.open();
    await expect(hooks.deliveries("invite.issued").first().getByTestId("delivery-status")).toHaveText("delivered");
    await page.screenshot({ path: "e2e/artifacts/webhook-delivered.png", fullPage: true });
    await hooks.deleteAll();
  } finally {
    await new Promise((r) => receiver.close(r));
  }
});
