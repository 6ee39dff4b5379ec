/**
 * PasskeyIntents: a passkey member (an address derived from its P-256 key) signs an intent with WebAuthn, a
 * relayer that belongs to no organisation sends it, and the ledger checks it and acts as the member. The
 * passkey is a software one that answers as a browser and an authenticator would (@tracemed/chain/node/passkey).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { encodeFunctionData, parseEventLogs, type Address, type Hex } from "viem";
import { createSoftPasskey, type SoftPasskey } from "@tracemed/chain/node/passkey";
import { addr, deployWorld, nextRef, PERMIT, registerBatch, type Wallet, type World } from "./helpers/ledger.js";

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

/** The passkey signs `call` for `organisation` with its next nonce, valid for ten minutes. */
async function signed(passkey: SoftPasskey, organisation: Address, call: Hex) {
  const now = await w.networkHelpers.time.latest();
  return passkey.signIntent({
    chainId,
    ledger: w.ledger.address,
    organisation,
    call,
    nonce: await w.ledger.read.intentNonce([passkey.member]),
    deadline: now + 600,
  });
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
    const hash = await w.ledger.write.executeIntent(args, { account: relayer.account });
    const receipt = await w.client.waitForTransactionReceipt({ hash });
    const [shipped] = parseEventLogs({ abi: w.ledger.abi, logs: receipt.logs, eventName: "BatchShipped" });
    assert.equal(shipped?.args.from, addr(w.maker));
    assert.equal(shipped?.args.by, clerk.member, "the event names the passkey member, not the relayer");
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.maker)])).held, BigInt(b.count) - 5n);
    assert.equal(await w.ledger.read.intentNonce([clerk.member]), 1n);
  });
});
