/**
 * PasskeyIntents: a passkey member (an address derived from its P-256 key) signs an intent with WebAuthn, a
 * relayer that belongs to no organisation sends it, and the ledger checks it and acts as the member. The
 * passkey is a software one that answers as a browser and an authenticator would (@tracemed/chain/node/passkey).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { encodeFunctionData, hashTypedData, numberToHex, parseEventLogs } from "viem";
import { executeIntentArgs, intentTypedData, webAuthnAuthFrom } from "@tracemed/chain";
import { createSoftPasskey, FLAG_UP } from "@tracemed/chain/node/passkey";
import { intentsOn, type IntentArgs } from "./helpers/intents.js";
import {
  addr,
  DAY,
  deployWorld,
  expectRevert,
  nextRef,
  PERMIT,
  registerBatch,
  type Wallet,
  type World,
} from "./helpers/ledger.js";

let w: World;
let relayer: Wallet;
let chainId: number;
/** Signs, and relays as `relayer`, intents for the ledger. */
let intents: ReturnType<typeof intentsOn>;
before(async () => {
  w = await deployWorld();
  relayer = w.stranger;
  chainId = await w.client.getChainId();
  intents = intentsOn(w, "ledger", relayer);
});

/** A ship of `quantity` packs of a fresh batch of the maker's to the distributor, as a ledger call. */
async function shipCall(quantity = 1n) {
  const b = await registerBatch(w, w.maker);
  return intents.call("ship", [b.batchId, addr(w.distributor), quantity, nextRef()]);
}

describe("passkey intents", () => {
  it("executeIntent_shipsAsThePasskeyMemberWhenARelayerSendsIt", async () => {
    const clerk = await intents.memberOf(w.maker, PERMIT.SHIP);
    const b = await registerBatch(w, w.maker);
    const ref = nextRef();
    const args = await intents.signed(
      clerk,
      addr(w.maker),
      intents.call("ship", [b.batchId, addr(w.distributor), 5n, ref]),
    );
    const hash = await intents.relay(args);
    const receipt = await w.client.waitForTransactionReceipt({ hash });
    const [shipped] = parseEventLogs({ abi: w.ledger.abi, logs: receipt.logs, eventName: "BatchShipped" });
    assert.equal(shipped?.args.from, addr(w.maker));
    assert.equal(shipped?.args.by, clerk.member, "the event names the passkey member, not the relayer");
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.maker)])).held, BigInt(b.count) - 5n);
    assert.equal(await w.ledger.read.intentNonce([clerk.member]), 1n);
  });

  it("executeIntent_refusesAReplayOfTheSameNonce", async () => {
    const clerk = await intents.memberOf(w.maker, PERMIT.SHIP);
    const args = await intents.signed(clerk, addr(w.maker), await shipCall());
    await intents.relay(args);
    await expectRevert(intents.relay(args), "IntentBadNonce", [clerk.member, 1n, 0n]);
    // Nor can a later intent come first: nonces are used in order.
    const later = await clerk.signIntent({
      ...(await intents.intentFor(clerk, addr(w.maker), await shipCall())),
      nonce: 2n,
    });
    await expectRevert(intents.relay(later), "IntentBadNonce", [clerk.member, 1n, 2n]);
  });

  it("executeIntent_refusesAChangedCallOrDeadline", async () => {
    const clerk = await intents.memberOf(w.maker, PERMIT.SHIP);
    const args = await intents.signed(clerk, addr(w.maker), await shipCall(1n));
    const [, ...rest] = args;
    await expectRevert(intents.relay([await shipCall(2n), ...rest]), "IntentBadSignature", [clerk.member]);
    const [call, organisation, nonce, deadline, ...key] = args;
    await expectRevert(intents.relay([call, organisation, nonce, deadline + 60, ...key]), "IntentBadSignature", [
      clerk.member,
    ]);
    await intents.relay(args);
  });

  it("executeIntent_refusesAnIntentSignedForAnotherChainOrLedger", async () => {
    const clerk = await intents.memberOf(w.maker, PERMIT.SHIP);
    const intent = await intents.intentFor(clerk, addr(w.maker), await shipCall());
    const otherChain = clerk.signIntent({ ...intent, chainId: chainId + 1 });
    await expectRevert(intents.relay(otherChain), "IntentBadSignature", [clerk.member]);
    // Another ledger: the implementation behind the proxy has an address of its own.
    const otherLedger = clerk.signIntent({ ...intent, ledger: w.deployment.implementation });
    await expectRevert(intents.relay(otherLedger), "IntentBadSignature", [clerk.member]);
    assert.equal(await w.ledger.read.intentNonce([clerk.member]), 0n, "a refused intent uses no nonce");
  });

  it("executeIntent_refusesAnExpiredDeadline", async () => {
    const clerk = await intents.memberOf(w.maker, PERMIT.SHIP);
    const intent = await intents.intentFor(clerk, addr(w.maker), await shipCall());
    const args = clerk.signIntent(intent);
    await w.networkHelpers.time.increaseTo(intent.deadline + 1);
    await expectRevert(intents.relay(args), "IntentExpired", [intent.deadline]);
  });

  it("executeIntent_refusesARemovedMemberAtOnceAndItsOldIntentsStaySpentWhenAddedAgain", async () => {
    const clerk = await intents.memberOf(w.maker, PERMIT.SHIP);
    const first = await intents.signed(clerk, addr(w.maker), await shipCall());
    await intents.relay(first);
    const pending = await intents.signed(clerk, addr(w.maker), await shipCall());
    await w.ledger.write.removeMember([clerk.member], { account: w.maker.account });
    await expectRevert(intents.relay(pending), "IntentNotMember", [clerk.member, addr(w.maker)]);
    await w.ledger.write.addMember([clerk.member, PERMIT.SHIP], { account: w.maker.account });
    await expectRevert(intents.relay(first), "IntentBadNonce", [clerk.member, 1n, 0n]);
    await intents.relay(pending);
  });

  it("executeIntent_refusesAnIntentForAnOrganisationTheMemberIsNotIn", async () => {
    const clerk = await intents.memberOf(w.maker, PERMIT.SHIP);
    const b = await registerBatch(w, w.maker);
    await w.ledger.write.ship([b.batchId, addr(w.distributor), 3n, nextRef()], { account: w.maker.account });
    // Signed as if it were the distributor's, to move the distributor's stock.
    const args = await intents.signed(
      clerk,
      addr(w.distributor),
      intents.call("ship", [b.batchId, addr(w.pharmacy), 1n, nextRef()]),
    );
    await expectRevert(intents.relay(args), "IntentNotMember", [clerk.member, addr(w.distributor)]);
    // A key that was never added is no member of anything.
    const unknown = createSoftPasskey();
    await expectRevert(
      intents.relay(await intents.signed(unknown, addr(w.maker), await shipCall())),
      "IntentNotMember",
      [unknown.member, addr(w.maker)],
    );
  });

  it("executeIntent_refusesAHighSAnotherKeyAndAnAssertionWithoutUserVerification", async () => {
    const clerk = await intents.memberOf(w.maker, PERMIT.SHIP);
    const intent = await intents.intentFor(clerk, addr(w.maker), await shipCall());
    const args = clerk.signIntent(intent);
    const auth = args[6];
    const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const highS = { ...auth, s: numberToHex(n - BigInt(auth.s), { size: 32 }) };
    await expectRevert(intents.relay([...args.slice(0, 6), highS] as unknown as IntentArgs), "IntentBadSignature", [
      clerk.member,
    ]);
    // Someone else's passkey signs the same intent and claims the clerk's key.
    const thief = createSoftPasskey();
    const digest = hashTypedData(intentTypedData({ ...intent, member: clerk.member }));
    const forged = executeIntentArgs({
      ...intent,
      publicKey: clerk.publicKey,
      auth: webAuthnAuthFrom(thief.assert(digest)),
    });
    await expectRevert(intents.relay(forged), "IntentBadSignature", [clerk.member]);
    // User present but not verified (no fingerprint, face or PIN).
    await expectRevert(intents.relay(clerk.signIntent(intent, { flags: FLAG_UP })), "IntentBadSignature", [
      clerk.member,
    ]);
    await intents.relay(args);
  });

  it("executeIntent_refusesAnIntentInsideAnIntent", async () => {
    const clerk = await intents.memberOf(w.maker, PERMIT.SHIP);
    const inner = await intents.signed(clerk, addr(w.maker), await shipCall());
    const outer = await intents.signed(clerk, addr(w.maker), intents.call("executeIntent", inner));
    await expectRevert(intents.relay(outer), "IntentNested", []);
  });

  it("executeIntent_usesNoNonceWhenTheCallFailsAndActsAsTheRelayerAgainAfterTheIntent", async () => {
    const clerk = await intents.memberOf(w.maker, PERMIT.SHIP);
    const b = await registerBatch(w, w.maker, 4);
    const tooMany = await intents.signed(
      clerk,
      addr(w.maker),
      intents.call("ship", [b.batchId, addr(w.distributor), 5n, nextRef()]),
    );
    await expectRevert(intents.relay(tooMany), "CustodyInsufficientStock", [b.batchId, addr(w.maker), 4n, 5n]);
    assert.equal(await w.ledger.read.intentNonce([clerk.member]), 0n);
    // A relayer batches two members' intents in one multicall; each acts as its own member.
    const other = await intents.memberOf(w.maker, PERMIT.SHIP);
    const one = await intents.signed(clerk, addr(w.maker), await shipCall());
    const two = await intents.signed(other, addr(w.maker), await shipCall());
    const hash = await w.ledger.write.multicall(
      [[intents.call("executeIntent", one), intents.call("executeIntent", two)]],
      {
        account: relayer.account,
      },
    );
    const logs = parseEventLogs({
      abi: w.ledger.abi,
      logs: (await w.client.waitForTransactionReceipt({ hash })).logs,
      eventName: "BatchShipped",
    });
    assert.deepEqual(
      logs.map((l) => l.args.by),
      [clerk.member, other.member],
    );
    // After an intent, the same transaction's next call is the relayer's own (a member of nothing).
    const three = await intents.signed(clerk, addr(w.maker), await shipCall());
    await expectRevert(
      w.ledger.write.multicall([[intents.call("executeIntent", three), await shipCall()]], {
        account: relayer.account,
      }),
      "OrgNotMember",
      [addr(relayer)],
    );
  });

  it("executeIntent_countsAnOrganisationsRelayedWritesAndRefusesThemPastTheDaysQuotaUntilTheNextUtcDay", async () => {
    const admin = await intents.memberOf(w.distributor2, PERMIT.ADMIN);
    const org = addr(w.distributor2);
    // A passkey admin adds members (each a new passkey) through the relayer.
    const addSomeone = async () =>
      intents.signed(admin, org, intents.call("addMember", [createSoftPasskey().member, PERMIT.SHIP]));
    await w.ledger.write.setIntentQuota([2], w.asCouncil);
    const today = BigInt(await w.networkHelpers.time.latest()) / DAY;
    const resetsAt = (today + 1n) * DAY;
    assert.deepEqual(await w.ledger.read.intentQuota([org]), [2, 0, resetsAt]);
    await intents.relay(await addSomeone());
    await intents.relay(await addSomeone());
    assert.deepEqual(await w.ledger.read.intentQuota([org]), [2, 2, resetsAt]);
    await expectRevert(intents.relay(await addSomeone()), "IntentQuotaExhausted", [org, 2, resetsAt]);
    // Another organisation's count is its own.
    const clerk = await intents.memberOf(w.maker, PERMIT.SHIP);
    await intents.relay(await intents.signed(clerk, addr(w.maker), await shipCall()));
    // A new limit reaches an organisation that relayed today on the next UTC day.
    await w.ledger.write.setIntentQuota([3], w.asCouncil);
    await expectRevert(intents.relay(await addSomeone()), "IntentQuotaExhausted", [org, 2, resetsAt]);
    await w.networkHelpers.time.increaseTo(resetsAt);
    await intents.relay(await addSomeone());
    assert.deepEqual(await w.ledger.read.intentQuota([org]), [3, 1, resetsAt + DAY]);
    await w.ledger.write.setIntentQuota([1_000], w.asCouncil);
  });

  it("setIntentQuota_isTheCouncilsAndRecordedAsAnEvent", async () => {
    const hash = await w.ledger.write.setIntentQuota([500], w.asCouncil);
    const [set] = parseEventLogs({
      abi: w.ledger.abi,
      logs: (await w.client.waitForTransactionReceipt({ hash })).logs,
      eventName: "IntentQuotaSet",
    });
    assert.deepEqual(set?.args, { perDay: 500, by: addr(w.councilWallet) });
    assert.equal((await w.ledger.read.intentQuota([addr(w.pharmacy)]))[0], 500);
    await expectRevert(w.ledger.write.setIntentQuota([1], { account: w.regulator.account }), "LedgerNotCouncil", [
      addr(w.regulator),
    ]);
    // As the council's other functions: a regulator proposes it, and it runs after the council's delay.
    await w.throughCouncil(w.regulator, "setIntentQuota", [1_000]);
    assert.equal((await w.ledger.read.intentQuota([addr(w.pharmacy)]))[0], 1_000);
    w.expectEveryErrorReached(/^Intent/);
  });
});

describe("passkey intents without the P256VERIFY precompile", () => {
  it("executeIntent_verifiesWithTheSolidityFallbackOnPragueAtAHigherCost", async () => {
    // Osaka (the default here, and anvil's) has EIP-7951's precompile at 0x100; prague has none.
    const gasOn = async (world: World) => {
      const clerk = createSoftPasskey();
      await world.ledger.write.addMember([clerk.member, PERMIT.SHIP], { account: world.maker.account });
      const b = await registerBatch(world, world.maker);
      const call = encodeFunctionData({
        abi: world.ledger.abi,
        functionName: "ship",
        args: [b.batchId, addr(world.distributor), 1n, nextRef()],
      });
      const args = clerk.signIntent({
        chainId: await world.client.getChainId(),
        ledger: world.ledger.address,
        organisation: addr(world.maker),
        call,
        nonce: 0n,
        deadline: (await world.networkHelpers.time.latest()) + 600,
      });
      const hash = await world.ledger.write.executeIntent(args, { account: world.stranger.account });
      const receipt = await world.client.waitForTransactionReceipt({ hash });
      const [shipped] = parseEventLogs({ abi: world.ledger.abi, logs: receipt.logs, eventName: "BatchShipped" });
      assert.equal(shipped?.args.by, clerk.member);
      return receipt.gasUsed;
    };
    const prague = await gasOn(await deployWorld({ override: { hardfork: "prague" } }));
    const osaka = await gasOn(w);
    assert.ok(prague > osaka + 100_000n, `fallback ${prague} gas, precompile ${osaka} gas`);
  });
});
