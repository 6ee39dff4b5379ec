/**
 * PasskeyIntents: a passkey member (an address derived from its P-256 key) signs an intent with WebAuthn, a
 * relayer that belongs to no organisation sends it, and the ledger checks it and acts as the member. The
 * passkey is a software one that answers as a browser and an authenticator would (@tracemed/chain/node/passkey).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { encodeFunctionData, hashTypedData, numberToHex, parseEventLogs, type Address, type Hex } from "viem";
import { executeIntentArgs, intentTypedData, webAuthnAuthFrom } from "@tracemed/chain";
import { createSoftPasskey, FLAG_UP, type SoftPasskey } from "@tracemed/chain/node/passkey";
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
before(async () => {
  w = await deployWorld();
  relayer = w.stranger;
  chainId = await w.client.getChainId();
});

/** A ledger call, encoded as an intent carries it. */
const ledgerCall = (functionName: string, args: readonly unknown[]): Hex =>
  encodeFunctionData({ abi: w.ledger.abi, functionName, args } as never);

type Intent = Parameters<SoftPasskey["signIntent"]>[0];

/** The intent the passkey would sign for `call`: its next nonce, valid for ten minutes. */
async function intentFor(passkey: SoftPasskey, organisation: Address, call: Hex): Promise<Intent> {
  const now = await w.networkHelpers.time.latest();
  const nonce = await w.ledger.read.intentNonce([passkey.member]);
  return { chainId, ledger: w.ledger.address, organisation, call, nonce, deadline: now + 600 };
}

/** The passkey signs `call` for `organisation` with its next nonce, valid for ten minutes. */
async function signed(passkey: SoftPasskey, organisation: Address, call: Hex) {
  return passkey.signIntent(await intentFor(passkey, organisation, call));
}

type IntentArgs = Awaited<ReturnType<typeof signed>>;
/** The relayer (a member of no organisation) sends the intent. */
const relay = (args: IntentArgs) => w.ledger.write.executeIntent(args, { account: relayer.account });

/** A ship of `quantity` packs of a fresh batch of the maker's to the distributor, as a ledger call. */
async function shipCall(quantity = 1n) {
  const b = await registerBatch(w, w.maker);
  return ledgerCall("ship", [b.batchId, addr(w.distributor), quantity, nextRef()]);
}

/** A new passkey, added by `org`'s founding admin with `permissions`. */
async function passkeyMemberOf(org: Wallet, permissions: number) {
  const passkey = createSoftPasskey();
  await w.ledger.write.addMember([passkey.member, permissions], { account: org.account });
  return passkey;
}

describe("passkey intents", () => {
  it("executeIntent_shipsAsThePasskeyMemberWhenARelayerSendsIt", async () => {
    const clerk = await passkeyMemberOf(w.maker, PERMIT.SHIP);
    const b = await registerBatch(w, w.maker);
    const ref = nextRef();
    const args = await signed(clerk, addr(w.maker), ledgerCall("ship", [b.batchId, addr(w.distributor), 5n, ref]));
    const hash = await relay(args);
    const receipt = await w.client.waitForTransactionReceipt({ hash });
    const [shipped] = parseEventLogs({ abi: w.ledger.abi, logs: receipt.logs, eventName: "BatchShipped" });
    assert.equal(shipped?.args.from, addr(w.maker));
    assert.equal(shipped?.args.by, clerk.member, "the event names the passkey member, not the relayer");
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.maker)])).held, BigInt(b.count) - 5n);
    assert.equal(await w.ledger.read.intentNonce([clerk.member]), 1n);
  });

  it("executeIntent_refusesAReplayOfTheSameNonce", async () => {
    const clerk = await passkeyMemberOf(w.maker, PERMIT.SHIP);
    const args = await signed(clerk, addr(w.maker), await shipCall());
    await relay(args);
    await expectRevert(relay(args), "IntentBadNonce", [clerk.member, 1n, 0n]);
    // Nor can a later intent come first: nonces are used in order.
    const later = await clerk.signIntent({ ...(await intentFor(clerk, addr(w.maker), await shipCall())), nonce: 2n });
    await expectRevert(relay(later), "IntentBadNonce", [clerk.member, 1n, 2n]);
  });

  it("executeIntent_refusesAChangedCallOrDeadline", async () => {
    const clerk = await passkeyMemberOf(w.maker, PERMIT.SHIP);
    const args = await signed(clerk, addr(w.maker), await shipCall(1n));
    const [, ...rest] = args;
    await expectRevert(relay([await shipCall(2n), ...rest]), "IntentBadSignature", [clerk.member]);
    const [call, organisation, nonce, deadline, ...key] = args;
    await expectRevert(relay([call, organisation, nonce, deadline + 60, ...key]), "IntentBadSignature", [clerk.member]);
    await relay(args);
  });

  it("executeIntent_refusesAnIntentSignedForAnotherChainOrLedger", async () => {
    const clerk = await passkeyMemberOf(w.maker, PERMIT.SHIP);
    const intent = await intentFor(clerk, addr(w.maker), await shipCall());
    const otherChain = clerk.signIntent({ ...intent, chainId: chainId + 1 });
    await expectRevert(relay(otherChain), "IntentBadSignature", [clerk.member]);
    // Another ledger: the implementation behind the proxy has an address of its own.
    const otherLedger = clerk.signIntent({ ...intent, ledger: w.deployment.implementation });
    await expectRevert(relay(otherLedger), "IntentBadSignature", [clerk.member]);
    assert.equal(await w.ledger.read.intentNonce([clerk.member]), 0n, "a refused intent uses no nonce");
  });

  it("executeIntent_refusesAnExpiredDeadline", async () => {
    const clerk = await passkeyMemberOf(w.maker, PERMIT.SHIP);
    const intent = await intentFor(clerk, addr(w.maker), await shipCall());
    const args = clerk.signIntent(intent);
    await w.networkHelpers.time.increaseTo(intent.deadline + 1);
    await expectRevert(relay(args), "IntentExpired", [intent.deadline]);
  });

  it("executeIntent_refusesARemovedMemberAtOnceAndItsOldIntentsStaySpentWhenAddedAgain", async () => {
    const clerk = await passkeyMemberOf(w.maker, PERMIT.SHIP);
    const first = await signed(clerk, addr(w.maker), await shipCall());
    await relay(first);
    const pending = await signed(clerk, addr(w.maker), await shipCall());
    await w.ledger.write.removeMember([clerk.member], { account: w.maker.account });
    await expectRevert(relay(pending), "IntentNotMember", [clerk.member, addr(w.maker)]);
    await w.ledger.write.addMember([clerk.member, PERMIT.SHIP], { account: w.maker.account });
    await expectRevert(relay(first), "IntentBadNonce", [clerk.member, 1n, 0n]);
    await relay(pending);
  });

  it("executeIntent_refusesAnIntentForAnOrganisationTheMemberIsNotIn", async () => {
    const clerk = await passkeyMemberOf(w.maker, PERMIT.SHIP);
    const b = await registerBatch(w, w.maker);
    await w.ledger.write.ship([b.batchId, addr(w.distributor), 3n, nextRef()], { account: w.maker.account });
    // Signed as if it were the distributor's, to move the distributor's stock.
    const args = await signed(
      clerk,
      addr(w.distributor),
      ledgerCall("ship", [b.batchId, addr(w.pharmacy), 1n, nextRef()]),
    );
    await expectRevert(relay(args), "IntentNotMember", [clerk.member, addr(w.distributor)]);
    // A key that was never added is no member of anything.
    const unknown = createSoftPasskey();
    await expectRevert(relay(await signed(unknown, addr(w.maker), await shipCall())), "IntentNotMember", [
      unknown.member,
      addr(w.maker),
    ]);
  });

  it("executeIntent_refusesAHighSAnotherKeyAndAnAssertionWithoutUserVerification", async () => {
    const clerk = await passkeyMemberOf(w.maker, PERMIT.SHIP);
    const intent = await intentFor(clerk, addr(w.maker), await shipCall());
    const args = clerk.signIntent(intent);
    const auth = args[6];
    const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const highS = { ...auth, s: numberToHex(n - BigInt(auth.s), { size: 32 }) };
    await expectRevert(relay([...args.slice(0, 6), highS] as unknown as IntentArgs), "IntentBadSignature", [
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
    await expectRevert(relay(forged), "IntentBadSignature", [clerk.member]);
    // User present but not verified (no fingerprint, face or PIN).
    await expectRevert(relay(clerk.signIntent(intent, { flags: FLAG_UP })), "IntentBadSignature", [clerk.member]);
    await relay(args);
  });

  it("executeIntent_refusesAnIntentInsideAnIntent", async () => {
    const clerk = await passkeyMemberOf(w.maker, PERMIT.SHIP);
    const inner = await signed(clerk, addr(w.maker), await shipCall());
    const outer = await signed(clerk, addr(w.maker), ledgerCall("executeIntent", inner));
    await expectRevert(relay(outer), "IntentNested", []);
  });

  it("executeIntent_usesNoNonceWhenTheCallFailsAndActsAsTheRelayerAgainAfterTheIntent", async () => {
    const clerk = await passkeyMemberOf(w.maker, PERMIT.SHIP);
    const b = await registerBatch(w, w.maker, 4);
    const tooMany = await signed(
      clerk,
      addr(w.maker),
      ledgerCall("ship", [b.batchId, addr(w.distributor), 5n, nextRef()]),
    );
    await expectRevert(relay(tooMany), "CustodyInsufficientStock", [b.batchId, addr(w.maker), 4n, 5n]);
    assert.equal(await w.ledger.read.intentNonce([clerk.member]), 0n);
    // A relayer batches two members' intents in one multicall; each acts as its own member.
    const other = await passkeyMemberOf(w.maker, PERMIT.SHIP);
    const one = await signed(clerk, addr(w.maker), await shipCall());
    const two = await signed(other, addr(w.maker), await shipCall());
    const hash = await w.ledger.write.multicall(
      [[ledgerCall("executeIntent", one), ledgerCall("executeIntent", two)]],
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
    const three = await signed(clerk, addr(w.maker), await shipCall());
    await expectRevert(
      w.ledger.write.multicall([[ledgerCall("executeIntent", three), await shipCall()]], { account: relayer.account }),
      "OrgNotMember",
      [addr(relayer)],
    );
  });

  it("executeIntent_countsAnOrganisationsRelayedWritesAndRefusesThemPastTheDaysQuotaUntilTheNextUtcDay", async () => {
    const admin = await passkeyMemberOf(w.distributor2, PERMIT.ADMIN);
    const org = addr(w.distributor2);
    // A passkey admin adds members (each a new passkey) through the relayer.
    const addSomeone = async () =>
      signed(admin, org, ledgerCall("addMember", [createSoftPasskey().member, PERMIT.SHIP]));
    await w.ledger.write.setIntentQuota([2], w.asCouncil);
    const today = BigInt(await w.networkHelpers.time.latest()) / DAY;
    const resetsAt = (today + 1n) * DAY;
    assert.deepEqual(await w.ledger.read.intentQuota([org]), [2, 0, resetsAt]);
    await relay(await addSomeone());
    await relay(await addSomeone());
    assert.deepEqual(await w.ledger.read.intentQuota([org]), [2, 2, resetsAt]);
    await expectRevert(relay(await addSomeone()), "IntentQuotaExhausted", [org, 2, resetsAt]);
    // Another organisation's count is its own.
    const clerk = await passkeyMemberOf(w.maker, PERMIT.SHIP);
    await relay(await signed(clerk, addr(w.maker), await shipCall()));
    // A new limit reaches an organisation that relayed today on the next UTC day.
    await w.ledger.write.setIntentQuota([3], w.asCouncil);
    await expectRevert(relay(await addSomeone()), "IntentQuotaExhausted", [org, 2, resetsAt]);
    await w.networkHelpers.time.increaseTo(resetsAt);
    await relay(await addSomeone());
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
