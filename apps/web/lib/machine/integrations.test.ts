/**
 * /integrations' API and the machine clients' subscriptions, as Next.js calls them on a real ledger and database:
 * only an organisation's administrators manage its clients and webhooks, secrets are shown once, webhook addresses
 * are checked (SSRF), and /epcis/subscriptions takes a token with scope subscribe, never a staff session.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PERMIT } from "@tracemed/chain";
import { MEMBERS } from "@tracemed/indexer/testing";
import { callRoute, startAppWorld, useAppEnvironment } from "@/lib/testing/appRoutes";

type Answer = Record<string, unknown> & { error?: { code: string; message: string } };

describe("integrations: system clients and webhooks", () => {
  let world: Awaited<ReturnType<typeof startAppWorld>>;
  const clerk = MEMBERS.distributorClerk.address;

  before(async () => {
    useAppEnvironment({
      SYSTEM_KEY_SECRET: "integrations-test-secret-0123456789abcdef",
      WEBHOOK_ALLOW_LOOPBACK: "off",
      // As `npm start` on its own chain: a new system member gets gas.
      EMBEDDED_CHAIN: "on",
    });
    world = await startAppWorld("integrations");
    const { ledger } = world;
    await ledger.wait(ledger.contract(ledger.cast.distributor).write.addMember([clerk, PERMIT.SHIP]));
    await world.index();
  });
  after(async () => world?.stop());

  const call = async (dir: string, method: string, cookie: string, body?: unknown, headers = {}) => {
    const res = await callRoute(dir, method, { body, headers: { cookie, ...headers } });
    return { status: res.status, headers: res.headers, body: (await res.json().catch(() => ({}))) as Answer };
  };
  const admin = () => world.cookie("distributor");

  it("letsAnAdminCreateASystemClient_showingTheSecretOnce", async () => {
    const res = await call("api/integrations/clients", "POST", admin(), { label: "WMS", permissions: PERMIT.SHIP });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.match(String(res.body.clientSecret), /^tms_/);
    assert.match(String(res.body.account), /^0x[0-9a-f]{40}$/);
    assert.equal(res.headers.get("cache-control"), "no-store");
    const balance = await world.ledger.client.getBalance({ address: res.body.account as `0x${string}` });
    assert.equal(balance, 10n ** 19n, "10 ETH for its writes' gas on the embedded chain");
    const list = await call("api/integrations/clients", "GET", admin());
    assert.equal(JSON.stringify(list.body).includes(String(res.body.clientSecret)), false);
    assert.deepEqual(
      (list.body.clients as { id: string; label: string }[]).map((c) => [c.id, c.label]),
      [[res.body.clientId, "WMS"]],
    );
  });

  it("refusesAMemberWhoIsNoAdmin_andPermissionsASystemClientMayNotHave", async () => {
    const clerkCookie = world.cookie(clerk);
    const res = await call("api/integrations/clients", "POST", clerkCookie, { label: "WMS", permissions: PERMIT.SHIP });
    assert.deepEqual([res.status, res.body.error?.code], [403, "PermissionRequired"]);
    assert.equal((await call("api/integrations/webhooks", "GET", clerkCookie)).status, 403);
    for (const permissions of [PERMIT.ADMIN | PERMIT.SHIP, PERMIT.REGULATE, 0, 1.5]) {
      const bad = await call("api/integrations/clients", "POST", admin(), { label: "x", permissions });
      assert.deepEqual([bad.status, bad.body.error?.code], [400, "InvalidBody"], String(permissions));
    }
    const revoke = await call("api/integrations/clients/revoke", "POST", admin(), {
      clientId: `tmc_${"0".repeat(24)}`,
    });
    assert.deepEqual([revoke.status, revoke.body.error?.code], [404, "SystemClientNotFound"]);
  });

  it("refusesWebhookAddressesOffThePublicInternet_withTheReason", async () => {
    const cases: [string, RegExp][] = [
      ["https://10.1.2.3/hook", /not on the public internet/],
      ["https://169.254.169.254/latest", /not on the public internet/],
      ["http://127.0.0.1:9000/hook", /https addresses/],
      ["https://user:pw@erp.example.com/hook", /user name and password/],
    ];
    for (const [url, why] of cases) {
      const res = await call("api/integrations/webhooks", "POST", admin(), { url, topics: ["recall"] });
      assert.deepEqual([res.status, res.body.error?.code], [400, "WebhookUrlRefused"], url);
      assert.match(res.body.error!.message, why);
    }
    const zh = await call(
      "api/integrations/webhooks",
      "POST",
      admin(),
      { url: "https://10.1.2.3/hook", topics: ["recall"] },
      { "accept-language": "zh-CN" },
    );
    assert.match(zh.body.error!.message, /不在公共互联网上/);
    const topics = await call("api/integrations/webhooks", "POST", admin(), {
      url: "https://erp.example.com/h",
      topics: [],
    });
    assert.equal(topics.status, 400);
  });

  it("keepsAWebhookWithItsSecretShownOnce_andDeletesIt", async () => {
    const res = await call("api/integrations/webhooks", "POST", admin(), {
      url: "https://erp.example.com/tracemed",
      topics: ["recall", "shipment"],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const secret = String(res.body.secret);
    assert.match(secret, /^whsec_/);
    const list = await call("api/integrations/webhooks", "GET", admin());
    assert.equal(JSON.stringify(list.body).includes(secret), false);
    const row = await world.database.db.webhookSubscription.findUniqueOrThrow({ where: { id: String(res.body.id) } });
    assert.equal(JSON.stringify(row).includes(secret), false, "the secret is kept sealed");
    // Another organisation cannot delete it; its own admin can, once.
    const other = await call("api/integrations/webhooks/delete", "POST", world.cookie("maker"), { id: res.body.id });
    assert.deepEqual([other.status, other.body.error?.code], [404, "WebhookNotFound"]);
    assert.equal((await call("api/integrations/webhooks/delete", "POST", admin(), { id: res.body.id })).status, 200);
    assert.equal((await call("api/integrations/webhooks/delete", "POST", admin(), { id: res.body.id })).status, 404);
  });

  it("letsAMachineClientWithScopeSubscribeManageItsOrganisationsSubscriptions", async () => {
    const { createSystemClient } = await import("./auth");
    const { ledger } = world;
    const made = await createSystemClient(world.database.db, {
      organisation: ledger.cast.distributor.address,
      label: "ATTP",
      permissions: PERMIT.SHIP,
      createdBy: ledger.cast.distributor.address,
    });
    await ledger.wait(ledger.contract(ledger.cast.distributor).write.addMember([made.account, PERMIT.SHIP]));
    await world.index();
    const token = async (scope: string) => {
      const res = await callRoute("oauth/token", "POST", {
        body: new TextEncoder().encode(`grant_type=client_credentials&scope=${scope}`),
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`${made.clientId}:${made.clientSecret}`).toString("base64")}`,
        },
      });
      return `Bearer ${((await res.json()) as { access_token: string }).access_token}`;
    };
    const bearer = await token("subscribe");
    const body = { url: "https://wms.example.net/hooks", topics: ["shipment"] };
    const created = await callRoute("epcis/subscriptions", "POST", { body, headers: { authorization: bearer } });
    assert.equal(created.status, 201);
    const { id, secret } = (await created.json()) as { id: string; secret: string };
    assert.equal(created.headers.get("location"), `/epcis/subscriptions/${id}`);
    assert.match(secret, /^whsec_/);
    const listed = await callRoute("epcis/subscriptions", "GET", { headers: { authorization: bearer } });
    assert.deepEqual(
      ((await listed.json()) as { subscriptions: { id: string }[] }).subscriptions.map((s) => s.id),
      [id],
    );
    const query = await callRoute("epcis/subscriptions", "POST", {
      body,
      headers: { authorization: await token("query") },
    });
    assert.equal(query.status, 403);
    const staff = await callRoute("epcis/subscriptions", "POST", { body, headers: { cookie: admin() } });
    assert.deepEqual([staff.status, ((await staff.json()) as Answer).error?.code], [403, "MachineClientRequired"]);
    const anonymous = await callRoute("epcis/subscriptions", "GET");
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get("www-authenticate") ?? "", /^Bearer realm=/);
    const bad = await callRoute("epcis/subscriptions", "POST", {
      body: { url: 5 },
      headers: { authorization: bearer },
    });
    assert.equal(bad.status, 400);
    const gone = await callRoute("epcis/subscriptions/[id]", "DELETE", {
      params: { id },
      headers: { authorization: bearer },
    });
    assert.equal(gone.status, 204);
    const again = await callRoute("epcis/subscriptions/[id]", "DELETE", {
      params: { id },
      headers: { authorization: bearer },
    });
    assert.equal(again.status, 404);
    // The audit trail has each request with the status it got.
    const rows = await world.database.db.machineAudit.findMany({
      where: { clientId: made.clientId },
      orderBy: { at: "asc" },
    });
    const seen = rows.map((r) => `${r.method} ${r.path} ${r.status}`);
    for (const line of [
      "POST /epcis/subscriptions 201",
      "POST /epcis/subscriptions 403",
      "POST /epcis/subscriptions 400",
      `DELETE /epcis/subscriptions/${id} 204`,
      `DELETE /epcis/subscriptions/${id} 404`,
    ])
      assert.ok(seen.includes(line), `${line} in\n${seen.join("\n")}`);
  });
});
