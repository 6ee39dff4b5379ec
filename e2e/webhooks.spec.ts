/**
 * Integrations: a distributor's administrator connects a system client (its member added on the ledger from the
 * page; the client then gets an OAuth2 token) and a webhook pointing at a receiver this test starts on 127.0.0.1.
 * The manufacturer recalls a batch on its way to the distributor; the receiver answers the first delivery with a
 * 500, gets it again after the retry delay, and checks the HMAC signature with the secret the page showed once.
 * The delivery log on /integrations shows both tries.
 */
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { encodePacked, keccak256 } from "viem";
import { expect, signInAs, test } from "./lib/fixtures";
import { expectTxConfirmed } from "./lib/ui";

const DISTRIBUTOR = "Rhein Pharma Großhandel";
const MANUFACTURER = "Alpenwerk Pharma GmbH";
/**
 * The demo's insulin (GTIN 4001234560045, lot INS2610: scripts/lib/demo.ts): 100 packs shipped by Alpenwerk to
 * Rhein, not yet received (scripts/lib/seed.ts). Its id as the ledger's batchIdOf computes it (@tracemed/chain's
 * index reads JSON the test runner's loader refuses).
 */
const INSULIN = keccak256(encodePacked(["uint64", "string"], [4001234560045n, "INS2610"]));
const REASON = "Cold chain broken: storage above 8 °C";

test("a webhook receives the manufacturer's recall, signed, after a failed first try", async ({
  page,
  playwright,
  baseURL,
  shot,
}) => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (c: Buffer) => (body += c.toString("utf8")));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      // The first delivery fails (a receiver mid-deploy); its retry succeeds.
      response.writeHead(received.length === 1 ? 500 : 200).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tracemed`;
  const request = await playwright.request.newContext({ baseURL });
  try {
    await page.goto("/batches");
    await signInAs(page, DISTRIBUTOR);
    await page.getByRole("link", { name: "Integrations" }).click();
    await expect(page.getByTestId("integrations-page")).toBeVisible();

    await test.step("a system client: created, added on the ledger, then it gets a token", async () => {
      await page.getByTestId("client-label").fill("Warehouse system (WMS)");
      await page.getByTestId("client-create").click();
      const created = page.getByTestId("client-created");
      await expect(created).toBeVisible();
      const clientId = (await created.getByTestId("client-id").textContent())!;
      const secret = (await created.getByTestId("client-secret").textContent())!;
      const basic = `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`;
      const token = () =>
        request.post("/oauth/token", {
          headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" },
          data: "grant_type=client_credentials&scope=query",
        });
      // The token endpoint takes POST only, and says so in the API's error contract.
      const get = await request.get("/oauth/token", { failOnStatusCode: false });
      expect([get.status(), get.headers()["allow"]]).toEqual([405, "OPTIONS, POST"]);
      expect(((await get.json()) as { error: { code: string } }).error.code).toBe("MethodNotAllowed");
      // Not a member on the ledger yet: no token.
      expect(((await (await token()).json()) as { error: string }).error).toBe("invalid_grant");
      await created.getByTestId("client-add-created").click();
      await expectTxConfirmed(page);
      const row = page.getByTestId("system-clients").locator(`[data-client="${clientId}"]`);
      await expect(row).toHaveAttribute("data-state", "active");
      const granted = await token();
      expect(granted.status(), await granted.text()).toBe(200);
      expect(((await granted.json()) as { token_type: string }).token_type).toBe("Bearer");
    });

    let secret = "";
    await test.step("a webhook for recalls, its secret shown once", async () => {
      await page.getByTestId("webhook-url").fill("http://erp.example.com/hook");
      await page.getByTestId("webhook-create").click();
      await expect(page.getByTestId("integrations-problem")).toContainText("https");
      await page.getByTestId("webhook-url").fill(receiverUrl);
      await page.getByTestId("webhook-create").click();
      secret = (await page.getByTestId("webhook-secret").textContent())!;
      expect(secret).toMatch(/^whsec_/);
    });

    await test.step("the manufacturer recalls the insulin on its way to the distributor", async () => {
      await signInAs(page, MANUFACTURER);
      await page.goto(`/manufacturer/batches/${INSULIN}`);
      await page.getByTestId("recall-reason").fill(REASON);
      await page.getByTestId("recall-start").click();
      await page.getByTestId("recall-confirm").click();
      // Once indexed, the page shows the batch recalled (and no recall form any more).
      await expect(page.getByRole("region", { name: "Batch facts" })).toContainText("Recalled", { timeout: 90_000 });
    });

    await test.step("the receiver gets it again after the 500, signed with the webhook's secret", async () => {
      await expect.poll(() => received.length, { timeout: 90_000 }).toBeGreaterThanOrEqual(2);
      const [first, second] = received;
      expect(second!.body).toBe(first!.body);
      expect(second!.headers["tracemed-delivery"]).toBe(first!.headers["tracemed-delivery"]);
      const sent = JSON.parse(second!.body) as {
        topic: string;
        batch: { id: string; lot: string; status: string; reason: string };
      };
      expect(sent.topic).toBe("recall");
      expect(sent.batch).toMatchObject({ id: INSULIN, lot: "INS2610", status: "recalled" });
      expect(sent.batch.reason).toContain(REASON);
      // The receiver's own check: HMAC-SHA256(secret, "<t>.<body>").
      const header = String(second!.headers["tracemed-signature"]);
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
      expect(v1).toBe(createHmac("sha256", secret).update(`${t}.${second!.body}`).digest("hex"));
      expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(300);
    });

    await test.step("the delivery log shows both tries", async () => {
      await signInAs(page, DISTRIBUTOR);
      await page.goto("/integrations");
      const log = page.getByTestId("webhook-log");
      await expect(log.locator('[data-topic="recall"][data-http="500"]')).toHaveCount(1);
      await expect(log.locator('[data-topic="recall"][data-http="200"][data-status="delivered"]')).toHaveCount(1);
      await shot(page, "integrations");
    });
  } finally {
    await request.dispose();
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  }
});
