import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { accountOf, stopSharedPostgres, useCodedWorld } from "@tracemed/indexer/testing";
import { CANCEL_NOTICE_SECONDS } from "@tracemed/chain";
import { toHex, type Hex } from "viem";
import {
  holdingsOf,
  incomingShipments,
  outgoingShipments,
  recentEvents,
  recipientsFor,
  shipmentsByRef,
} from "@tracemed/provenance/custody";
import { readShipmentCode } from "./readCode";
import { newSscc, ssccDigitalLink, ssccToRef } from "@tracemed/codes/browser";

after(stopSharedPostgres);

describe("shipping and receiving by SSCC, on a real ledger and database", () => {
  const w = useCodedWorld("embedded PGlite");

  it("aShipmentCarriesItsSsccOnChain_theRecipientFindsItByScanning_andAShortfallIsWrittenOff", async () => {
    const g = await w.batch(20);
    await w.index();
    const gln = "6901234000023";
    const sscc = newSscc(gln);
    const ref = ssccToRef(sscc);
    const maker = w.contract(w.cast.maker);
    await w.wait(maker.write.ship([g.batchId, w.cast.distributor.address, 12n, ref]));
    await w.index();

    const incoming = await incomingShipments(w.db, accountOf("distributor"));
    assert.equal(incoming.length, 1);
    assert.equal(incoming[0]!.sscc, sscc, "the list shows the SSCC the ref carries");
    assert.equal(incoming[0]!.fromName, "Huaxin Pharmaceutical");
    assert.equal(incoming[0]!.batch?.lot, g.lot);

    // The clerk scans the label's QR (its Digital Link) and the page finds the shipment by ref.
    const scanned = readShipmentCode(ssccDigitalLink("http://127.0.0.1:3000", sscc));
    const [found] = await shipmentsByRef(w.db, ssccToRef(scanned.sscc));
    assert.equal(found?.id, incoming[0]!.id);

    const dist = w.contract(w.cast.distributor);
    await w.wait(dist.write.confirmReceipt([g.batchId, w.cast.maker.address, 12n, found!.ref as Hex, 10n]));
    await w.index();
    const [h] = await holdingsOf(w.db, accountOf("distributor"));
    assert.deepEqual({ held: h?.held, writtenOff: h?.writtenOff }, { held: 10, writtenOff: 2 });
    const [out] = await outgoingShipments(w.db, accountOf("maker"));
    assert.deepEqual(
      { status: out?.status, received: out?.received, shortfall: out?.shortfall },
      {
        status: "received",
        received: 10,
        shortfall: 2,
      },
    );
    assert.equal((await incomingShipments(w.db, accountOf("distributor"))).length, 0);
    const events = await recentEvents(w.db, accountOf("distributor"));
    assert.equal(events[0]?.eventName, "ShipmentReceived");
    assert.equal(events[0]?.counterparty, "Huaxin Pharmaceutical", "the other party of a receipt is its sender");
  });

  it("demoRefsThatAreNotSsccs_stillListAndReceive_andAnUncontestedCancelReturnsStockToTheSender", async () => {
    const g = await w.batch(10);
    const dist = w.contract(w.cast.distributor);
    const maker = w.contract(w.cast.maker);
    await w.wait(maker.write.ship([g.batchId, w.cast.distributor.address, 6n, toHex(7, { size: 32 })]));
    await w.wait(maker.write.ship([g.batchId, w.cast.pharmacy.address, 4n, ssccToRef(newSscc("6901234000016"))]));
    await w.index();
    const [demo] = await incomingShipments(w.db, accountOf("distributor"));
    assert.equal(demo?.sscc, null, "a small integer ref is not shown as an SSCC");
    await w.wait(dist.write.confirmReceipt([g.batchId, w.cast.maker.address, 6n, demo!.ref as Hex, 6n]));
    const [toPharmacy] = await incomingShipments(w.db, accountOf("pharmacy"));
    const hop = [g.batchId, w.cast.pharmacy.address, 4n, toPharmacy!.ref as Hex] as const;
    await w.wait(maker.write.cancelShipment(hop));
    await w.index();
    const held = async () =>
      (await holdingsOf(w.db, accountOf("maker"))).find((x) => x.batchId === g.batchId.toLowerCase())?.held ?? 0;
    const sent = async () => (await outgoingShipments(w.db, accountOf("maker"))).find((s) => s.id === toPharmacy!.id);
    // A request: the recipient still sees it (and may contest by receiving), the packs are still on their way.
    assert.equal((await sent())?.status, "cancel_requested");
    assert.ok((await sent())?.cancelRequestedAt, "the page shows when the recipient's notice ends");
    assert.ok((await incomingShipments(w.db, accountOf("pharmacy"))).some((s) => s.id === toPharmacy!.id));
    assert.equal(await held(), 0);
    // Uncontested for the 48 h notice: the sender completes it and has its packs back.
    await w.rpc("evm_increaseTime", [CANCEL_NOTICE_SECONDS + 1]);
    await w.wait(maker.write.completeCancellation(hop));
    await w.index();
    assert.equal(await held(), 4, "the cancelled 4 packs are back with the sender");
    assert.equal((await sent())?.status, "voided");
  });

  it("aRefusedShipment_goesBackToTheSender_andNothingIsBookedToTheRecipient", async () => {
    const g = await w.batch(10);
    const maker = w.contract(w.cast.maker);
    const ref = ssccToRef(newSscc("6901234000016"));
    await w.wait(maker.write.ship([g.batchId, w.cast.pharmacy.address, 3n, ref]));
    await w.index();
    const [incoming] = (await incomingShipments(w.db, accountOf("pharmacy"))).filter((s) => s.batchId === g.batchId);
    // The receive desk's Refuse: refuseShipment(batch, sender, quantity, ref), signed by the recipient.
    await w.wait(
      w.contract(w.cast.pharmacy).write.refuseShipment([g.batchId, w.cast.maker.address, 3n, incoming!.ref as Hex]),
    );
    await w.index();
    const stock = async (party: "maker" | "pharmacy") =>
      (await holdingsOf(w.db, accountOf(party))).find((x) => x.batchId === g.batchId.toLowerCase())?.held ?? 0;
    assert.equal(await stock("maker"), 10, "all 10 packs are the sender's again");
    assert.equal(await stock("pharmacy"), 0, "nothing booked to the recipient");
    const refused = (await outgoingShipments(w.db, accountOf("maker"))).find((s) => s.id === incoming!.id);
    assert.equal(refused?.status, "refused");
    assert.equal(refused?.closedBy, accountOf("pharmacy"), "the recipient's member who refused it");
    assert.equal(
      (await incomingShipments(w.db, accountOf("pharmacy"))).filter((s) => s.batchId === g.batchId).length,
      0,
    );
  });

  it("recipients_areActiveCustodyOrganisations_notTheSenderNorTheVerifier", async () => {
    const names = (await recipientsFor(w.db, accountOf("distributor"))).map((r) => r.name);
    assert.deepEqual(names.sort(), ["Huaxin Pharmaceutical", "Renmin Road Pharmacy"]);
  });
});
