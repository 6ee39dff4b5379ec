/**
 * The dispatcher on a real ledger and database: who hears of a recall, a quarantine and a shipment, what they
 * receive (signed), retries after a failed answer, a slow receiver not holding back another, nothing lost or sent
 * twice across a restart, and no delivery to an internal address.
 */
import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { randomBytes } from "node:crypto";
import { startWorld, type World } from "@tracemed/indexer/testing";
import type { WebhookTopic } from "@tracemed/db";
import { WebhookDispatcher } from "./dispatcher";
import { sealer } from "@tracemed/config/seal";
import { verifySignature } from "./signing";

const seal = sealer("dispatcher-test-secret-0123456789abcdef");

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 that answers each request with the next of `answers` (the last one repeats). */
async function receiver(answers: (number | "hang")[] = [200]) {
  const received: Received[] = [];
  let n = 0;
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (c: Buffer) => (body += c.toString("utf8")));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      const answer = answers[Math.min(n++, answers.length - 1)]!;
      if (answer === "hang") return;
      response.writeHead(answer).end("ok");
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => (server.closeAllConnections(), new Promise((ok) => server.close(ok))) };
}

describe("the webhook dispatcher", () => {
  let world: World;
  let batchId: `0x${string}`;
  const receivers: { close(): Promise<unknown> }[] = [];

  before(async () => {
    world = await startWorld("embedded PGlite");
    await world.lap();
    batchId = world.batches[0]!;
    await world.sync();
    // Nothing is delivered for what happened before: a fresh dispatcher starts reading at the first event, and
    // there is no subscription yet.
    await dispatcher().step();
  });
  after(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await world?.stop();
  });

  const dispatcher = (over: Partial<ConstructorParameters<typeof WebhookDispatcher>[0]> = {}) =>
    new WebhookDispatcher({ db: world.db, sealer: seal, policy: { allowLoopback: true }, delays: [0, 0], ...over });

  async function subscribe(party: "maker" | "distributor" | "pharmacy", url: string, topics: WebhookTopic[]) {
    const secret = `whsec_${randomBytes(16).toString("hex")}`;
    const id = `whs_${randomBytes(12).toString("hex")}`;
    await world.db.webhookSubscription.create({
      data: {
        id,
        organisation: world.accounts[party]!.toLowerCase(),
        url,
        topics,
        sealedSecret: seal.seal(secret),
        createdBy: world.accounts[party]!.toLowerCase(),
      },
    });
    return { id, secret };
  }
  const held = async (party: string) =>
    (
      await world.db.holding.findUnique({
        where: { batchId_account: { batchId, account: world.accounts[party]!.toLowerCase() } },
      })
    )?.held ?? 0;

  it("sendsARecallToHoldersAndToWhomItIsInTransit_only_signed", async () => {
    const maker = await receiver();
    const distributor = await receiver();
    const pharmacy = await receiver();
    receivers.push(maker, distributor, pharmacy);
    const subs = {
      maker: await subscribe("maker", maker.url, ["recall"]),
      distributor: await subscribe("distributor", distributor.url, ["recall", "shipment"]),
      pharmacy: await subscribe("pharmacy", pharmacy.url, ["recall", "quarantine", "shipment"]),
    };
    // One pack on its way to the distributor; the pharmacy holds none of this batch any more.
    await world.wait(
      world.actAs("maker").write.ship([batchId, world.accounts.distributor!, 1n, `0x${"ab".repeat(32)}`]),
    );
    await world.recall(batchId, "Sterility failure, lot withdrawn");
    await world.sync();
    assert.ok((await held("maker")) > 0);
    assert.equal(await held("distributor"), 0);
    assert.equal(await held("pharmacy"), 0);
    await dispatcher().step();

    const recall = (r: Received) =>
      JSON.parse(r.body) as {
        id: string;
        topic: string;
        batch: { gtin: string; lot: string; status: string; reason: string };
        shipment: { quantity: number; to: string };
      };
    assert.equal(maker.received.length, 1);
    assert.deepEqual(
      distributor.received.map((r) => recall(r).topic),
      ["shipment", "recall"],
    );
    assert.equal(pharmacy.received.length, 0, "the pharmacy holds none: it hears nothing of this batch");
    const sent = recall(distributor.received[1]!);
    assert.equal(sent.batch.gtin, "09521234543213");
    assert.equal(sent.batch.lot, "L1");
    assert.equal(sent.batch.status, "recalled");
    assert.equal(sent.batch.reason, "Sterility failure, lot withdrawn");
    const shipment = recall(distributor.received[0]!);
    assert.equal(shipment.shipment.quantity, 1);
    assert.equal(shipment.shipment.to, world.accounts.distributor!.toLowerCase());
    for (const [r, sub] of [
      [maker.received[0]!, subs.maker],
      [distributor.received[1]!, subs.distributor],
    ] as const) {
      assert.equal(verifySignature(sub.secret, r.headers["tracemed-signature"] as string, r.body), true);
      assert.equal(verifySignature(subs.pharmacy.secret, r.headers["tracemed-signature"] as string, r.body), false);
      assert.equal(r.headers["tracemed-delivery"], recall(r).id);
    }
    const log = await world.db.webhookAttempt.findMany({ where: { delivery: { subscriptionId: subs.maker.id } } });
    assert.deepEqual(
      log.map((a) => [a.attempt, a.httpStatus, a.nextAttemptAt]),
      [[1, 200, null]],
    );
    // A restarted dispatcher finds nothing new to queue and sends nothing twice.
    assert.deepEqual(await dispatcher().step(), { events: 0, tried: 0 });
    assert.equal(maker.received.length + distributor.received.length, 3);
  });

  /** A new batch of the maker's, and two receivers subscribed to `topic` for it answering as given. */
  async function twoReceivers(topic: WebhookTopic, first: (number | "hang")[], second: (number | "hang")[]) {
    await world.lap();
    const rs = [await receiver(first), await receiver(second)] as const;
    receivers.push(...rs);
    const subs = [await subscribe("maker", rs[0].url, [topic]), await subscribe("maker", rs[1].url, [topic])] as const;
    return { batch: world.batches.at(-1)!, receivers: rs, subs };
  }

  it("retriesAReceiverThatAnswered500_andGivesUpAfterTheSchedule", async () => {
    const {
      batch,
      receivers: [flaky, dead],
      subs: [a, b],
    } = await twoReceivers("quarantine", [500, 200], [503]);
    await world.quarantine(batch, "Temperature excursion");
    await world.sync();
    const d = dispatcher();
    await d.step();
    await d.step();
    await d.step();
    assert.equal(flaky.received.length, 2);
    assert.equal(flaky.received[0]!.body, flaky.received[1]!.body, "a retry sends the same body");
    const deliveries = await world.db.webhookDelivery.findMany({
      where: { subscriptionId: { in: [a.id, b.id] } },
      include: { attemptLog: { orderBy: { attempt: "asc" } } },
    });
    const of = (id: string) => deliveries.find((x) => x.subscriptionId === id)!;
    assert.equal(of(a.id).status, "delivered");
    assert.deepEqual(
      of(a.id).attemptLog.map((x) => x.httpStatus),
      [500, 200],
    );
    assert.equal(of(b.id).status, "failed");
    assert.deepEqual(
      of(b.id).attemptLog.map((x) => [x.httpStatus, x.nextAttemptAt === null]),
      [
        [503, false],
        [503, false],
        [503, true],
      ],
    );
    assert.equal(dead.received.length, 3, "two retries after the first try, as the schedule [0, 0] says");
  });

  it("neverLetsASlowReceiverHoldBackAnother", async () => {
    const {
      batch,
      subs: [s, f],
    } = await twoReceivers("recall", ["hang"], [200]);
    await world.recall(batch, "Mislabelled");
    await world.sync();
    const started = Date.now();
    await dispatcher({ timeoutMs: 1_500, delays: [3_600] }).step();
    const took = Date.now() - started;
    assert.ok(took < 4_000, `${took} ms`);
    const [slowD, fastD] = await Promise.all(
      [s.id, f.id].map((id) =>
        world.db.webhookDelivery.findFirstOrThrow({ where: { subscriptionId: id }, include: { attemptLog: true } }),
      ),
    );
    assert.equal(fastD!.status, "delivered");
    assert.equal(slowD!.status, "pending");
    assert.match(slowD!.attemptLog[0]!.error ?? "", /no answer within 1.5 s/);
    assert.ok(slowD!.nextAttemptAt! > new Date(Date.now() + 3_000_000), "retried an hour later");
  });

  it("logsATryWhoseSecretCannotBeOpened_insteadOfStalling", async () => {
    const { batch, subs } = await twoReceivers("recall", [200], [200]);
    // The second subscription's secret was sealed under another SYSTEM_KEY_SECRET.
    await world.db.webhookSubscription.update({
      where: { id: subs[1].id },
      data: { sealedSecret: sealer("another-system-key-secret-0123456789").seal("whsec_x") },
    });
    await world.recall(batch, "Wrong leaflet");
    await world.sync();
    await dispatcher({ delays: [] }).step();
    const [good, bad] = await Promise.all(
      subs.map((s) =>
        world.db.webhookDelivery.findFirstOrThrow({ where: { subscriptionId: s.id }, include: { attemptLog: true } }),
      ),
    );
    assert.equal(good!.status, "delivered");
    assert.equal(bad!.status, "failed");
    assert.match(bad!.attemptLog[0]!.error ?? "", /SYSTEM_KEY_SECRET changed/);
  });

  it("refusesToDeliverToAnInternalAddress_evenIfTheRowSaysSo", async () => {
    await world.lap();
    const latest = world.batches.at(-1)!;
    const sub = await subscribe("maker", "https://169.254.169.254/latest/meta-data", ["recall"]);
    await world.recall(latest, "Counterfeit found");
    await world.sync();
    await dispatcher({ policy: { allowLoopback: false }, delays: [] }).step();
    const d = await world.db.webhookDelivery.findFirstOrThrow({
      where: { subscriptionId: sub.id },
      include: { attemptLog: true },
    });
    assert.equal(d.status, "failed");
    assert.match(d.attemptLog[0]!.error ?? "", /address refused/);
    assert.equal(d.attemptLog[0]!.httpStatus, null);
  });
});
