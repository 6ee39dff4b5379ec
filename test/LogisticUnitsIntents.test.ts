/**
 * LogisticUnits' executeIntent: a passkey member of a distributor packs, opens and takes over units through an
 * unrelated relayer, signing for LogisticUnits (its own nonces and EIP-712 domain), under the daily limit of
 * relayed writes the council set on the ledger, counted here per organisation.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { encodeFunctionData, parseEventLogs } from "viem";
import { buildSscc } from "@tracemed/codes";
import { intentsOn } from "./helpers/intents.js";
import {
  addr,
  DAY,
  deployWorld,
  expectRevert,
  give,
  gln,
  nextRef,
  PERMIT,
  registerBatch,
  type Wallet,
  type World,
} from "./helpers/ledger.js";

let w: World;
let relayer: Wallet;
/** Signs, and relays as `relayer`, intents for the LogisticUnits. */
let intents: ReturnType<typeof intentsOn>;
before(async () => {
  w = await deployWorld();
  relayer = w.stranger;
  intents = intentsOn(w, "units", relayer);
});

/** GLN of the cast's n-th organisation (the maker is 2, the distributors 4 and 5). */
let serial = 7000;
const ssccOf = (n: number): bigint => BigInt(buildSscc(String(gln(n)), ++serial));

/** A pack call of a new case of `org` (the n-th of the cast) holding the first pack of a batch given to it. */
async function packCall(org: Wallet, n: number) {
  const b = await registerBatch(w, w.maker, 4);
  await give(w, b.batchId, w.maker, org, 4n);
  const sscc = ssccOf(n);
  return { sscc, call: intents.call("pack", [sscc, [{ batchId: b.batchId, indices: [0] }], []]) };
}

describe("passkey intents on LogisticUnits", () => {
  it("executeIntent_packsACaseAndAPalletAsThePasskeyMemberWhenARelayerSendsIt", async () => {
    const clerk = await intents.memberOf(w.distributor, PERMIT.SHIP);
    const org = addr(w.distributor);
    const box = await packCall(w.distributor, 4);
    await intents.relay(await intents.signed(clerk, org, box.call));
    const pallet = ssccOf(4);
    const hash = await intents.relay(await intents.signed(clerk, org, intents.call("pack", [pallet, [], [box.sscc]])));
    const logs = (await w.client.waitForTransactionReceipt({ hash })).logs;
    const [packed] = parseEventLogs({ abi: w.units.abi, logs, eventName: "UnitPacked" });
    assert.equal(packed?.args.sscc, pallet);
    assert.equal(packed?.args.organisation, org);
    assert.equal(packed?.args.by, clerk.member, "the event names the passkey member, not the relayer");
    const [caseUnit, palletUnit] = await Promise.all([w.units.read.unit([box.sscc]), w.units.read.unit([pallet])]);
    assert.equal(caseUnit.parent, pallet);
    assert.deepEqual([palletUnit.holder, palletUnit.packs], [org, 1]);
    assert.equal(await w.units.read.intentNonce([clerk.member]), 2n);
    assert.equal(await w.ledger.read.intentNonce([clerk.member]), 0n, "the ledger's nonces are its own");
  });

  it("executeIntent_opensAPalletAsTheMemberAndActsAsTheRelayerAgainAfterTheIntent", async () => {
    const clerk = await intents.memberOf(w.distributor, PERMIT.SHIP);
    const box = await packCall(w.distributor, 4);
    await w.distributor.sendTransaction({ to: w.units.address, data: box.call });
    const palletSscc = ssccOf(4);
    await w.units.write.pack([palletSscc, [], [box.sscc]], { account: w.distributor.account });
    const none = { batchId: `0x${"00".repeat(32)}`, from: addr(w.distributor), quantity: 0n } as const;
    const open = await intents.signed(clerk, addr(w.distributor), intents.call("unpack", [palletSscc, none]));
    // The relayer batches the intent with a call of its own: that one acts as the relayer (a member of nothing).
    await expectRevert(
      w.units.write.multicall([[intents.call("executeIntent", open), intents.call("unpack", [box.sscc, none])]], {
        account: relayer.account,
      }),
      "UnitNotMember",
      [addr(relayer)],
    );
    const hash = await intents.relay(open);
    const [unpacked] = parseEventLogs({
      abi: w.units.abi,
      logs: (await w.client.waitForTransactionReceipt({ hash })).logs,
      eventName: "UnitUnpacked",
    });
    assert.deepEqual(unpacked?.args, { sscc: palletSscc, organisation: addr(w.distributor), by: clerk.member });
    assert.equal((await w.units.read.unit([box.sscc])).parent, 0n, "its case is free");
  });

  it("executeIntent_refusesAnIntentSignedForTheLedgerAndTheLedgerOneSignedForLogisticUnits", async () => {
    const clerk = await intents.memberOf(w.distributor, PERMIT.SHIP);
    const org = addr(w.distributor);
    const { call } = await packCall(w.distributor, 4);
    const forLedger = clerk.signIntent({ ...(await intents.intentFor(clerk, org, call)), ledger: w.ledger.address });
    await expectRevert(intents.relay(forLedger), "IntentBadSignature", [clerk.member]);
    const b = await registerBatch(w, w.maker, 2);
    await give(w, b.batchId, w.maker, w.distributor, 2n);
    const ship = encodeFunctionData({
      abi: w.ledger.abi,
      functionName: "ship",
      args: [b.batchId, addr(w.pharmacy), 1n, nextRef()],
    });
    const forUnits = await intents.signed(clerk, org, ship);
    await expectRevert(w.ledger.write.executeIntent(forUnits, { account: relayer.account }), "IntentBadSignature", [
      clerk.member,
    ]);
    assert.equal(await w.units.read.intentNonce([clerk.member]), 0n, "a refused intent uses no nonce");
  });

  it("executeIntent_refusesAReplayAChangedCallAndAnExpiredDeadline", async () => {
    const clerk = await intents.memberOf(w.distributor, PERMIT.SHIP);
    const org = addr(w.distributor);
    const first = await packCall(w.distributor, 4);
    const args = await intents.signed(clerk, org, first.call);
    const [, ...rest] = args;
    await expectRevert(intents.relay([(await packCall(w.distributor, 4)).call, ...rest]), "IntentBadSignature", [
      clerk.member,
    ]);
    await intents.relay(args);
    await expectRevert(intents.relay(args), "IntentBadNonce", [clerk.member, 1n, 0n]);
    const intent = await intents.intentFor(clerk, org, (await packCall(w.distributor, 4)).call);
    const late = clerk.signIntent(intent);
    await w.networkHelpers.time.increaseTo(intent.deadline + 1);
    await expectRevert(intents.relay(late), "IntentExpired", [intent.deadline]);
  });

  it("executeIntent_refusesAnotherOrganisationsMemberARemovedMemberAndASuspendedOrganisation", async () => {
    const clerk = await intents.memberOf(w.distributor, PERMIT.SHIP);
    // Signed as the other distributor's, to pack the other distributor's stock.
    const theirs = await packCall(w.distributor2, 5);
    await expectRevert(
      intents.relay(await intents.signed(clerk, addr(w.distributor2), theirs.call)),
      "IntentNotMember",
      [clerk.member, addr(w.distributor2)],
    );
    const { call } = await packCall(w.distributor, 4);
    const pending = await intents.signed(clerk, addr(w.distributor), call);
    await w.ledger.write.removeMember([clerk.member], { account: w.distributor.account });
    await expectRevert(intents.relay(pending), "IntentNotMember", [clerk.member, addr(w.distributor)]);
    await w.ledger.write.addMember([clerk.member, PERMIT.SHIP], { account: w.distributor.account });
    await w.ledger.write.suspend([addr(w.distributor)], w.asCouncil);
    await expectRevert(intents.relay(pending), "UnitOrganisationSuspended", [addr(w.distributor)]);
    await w.ledger.write.reinstate([addr(w.distributor)], w.asCouncil);
    await intents.relay(pending);
  });

  it("executeIntent_refusesAnIntentInsideAnIntent", async () => {
    const clerk = await intents.memberOf(w.distributor, PERMIT.SHIP);
    const inner = await intents.signed(clerk, addr(w.distributor), (await packCall(w.distributor, 4)).call);
    const outer = await intents.signed(clerk, addr(w.distributor), intents.call("executeIntent", inner));
    await expectRevert(intents.relay(outer), "IntentNested", []);
  });

  it("executeIntent_countsRelayedWritesUnderTheLedgersDailyLimitUntilTheNextUtcDay", async () => {
    const clerk = await intents.memberOf(w.distributor2, PERMIT.SHIP);
    const org = addr(w.distributor2);
    await w.ledger.write.setIntentQuota([1], w.asCouncil);
    const resetsAt = (BigInt(await w.networkHelpers.time.latest()) / DAY + 1n) * DAY;
    await intents.relay(await intents.signed(clerk, org, (await packCall(w.distributor2, 5)).call));
    const next = await intents.signed(clerk, org, (await packCall(w.distributor2, 5)).call);
    await expectRevert(intents.relay(next), "IntentQuotaExhausted", [org, 1, resetsAt]);
    // The count here is LogisticUnits' own: the ledger's relayed writes of the day are still free.
    assert.deepEqual((await w.ledger.read.intentQuota([org])).slice(0, 2), [1, 0]);
    await w.networkHelpers.time.increaseTo(resetsAt);
    await w.ledger.write.setIntentQuota([1_000], w.asCouncil);
    const tomorrow = await intents.signed(clerk, org, (await packCall(w.distributor2, 5)).call);
    await intents.relay(tomorrow);
    assert.equal(await w.units.read.intentNonce([clerk.member]), 2n);
    w.expectEveryErrorReached(/^Intent/, w.units.abi);
  });
});
