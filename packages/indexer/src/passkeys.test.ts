/**
 * Issue 14 through the indexer: a passkey member's write, relayed by an account of no organisation, is read
 * back as the member's (the event's `by`), never the relayer's; the member itself is an ordinary member row.
 */
import assert from "node:assert/strict";
import { after, describe } from "node:test";
import { custodyLedgerAbi, PERMIT } from "@tracemed/chain";
import { createSoftPasskey } from "@tracemed/chain/node/passkey";
import { encodeFunctionData, toHex } from "viem";
import { assertMatchesChain, MEMBERS, stopSharedPostgres, TEST_EVM, worldTestOn } from "./testing";

after(stopSharedPostgres);

describe("passkey members on embedded PGlite", () => {
  const test = worldTestOn("embedded PGlite");

  test("relayedShip_isTheHopOfThePasskeyMember_notOfTheRelayer", { timeout: 120_000 }, async (w) => {
    const clerk = createSoftPasskey();
    await w.wait(w.actAs("maker").write.addMember([clerk.member, PERMIT.SHIP]));
    await w.lap(); // a batch of which the maker holds 2 packs
    const batchId = w.batches.at(-1)!;
    const ref = toHex(7_777, { size: 32 });
    const call = encodeFunctionData({
      abi: custodyLedgerAbi,
      functionName: "ship",
      args: [batchId, w.accounts.distributor!, 1n, ref],
    });
    const now = Number((await w.client.getBlock()).timestamp);
    const intent = clerk.signIntent({
      chainId: w.chainId,
      ledger: w.ledger.address,
      organisation: w.accounts.maker!,
      call,
      nonce: 0n,
      deadline: now + 600,
    });
    // The relayer: a clerk's key that belongs to no organisation here.
    const receipt = await w.wait(w.contract(MEMBERS.pharmacyClerk).write.executeIntent(intent));
    // The embedded chain (anvil 1.7, osaka) checks the signature with the P256VERIFY precompile: about 108,000
    // gas, where OpenZeppelin's Solidity fallback costs about 460,000.
    if (TEST_EVM !== "hardhat") assert.ok(receipt.gasUsed < 150_000n, `a relayed ship used ${receipt.gasUsed} gas`);
    await w.sync();
    const hop = await w.db.shipment.findFirst({ where: { batchId, ref } });
    assert.deepEqual(
      [hop?.status, hop?.shippedBy],
      ["in_transit", clerk.member.toLowerCase()],
      "the hop names the passkey member who signed it",
    );
    const member = await w.db.member.findUnique({ where: { account: clerk.member.toLowerCase() } });
    assert.deepEqual([member?.organisation, member?.permissions], [w.accounts.maker!.toLowerCase(), PERMIT.SHIP]);
    await assertMatchesChain(w);
  });
});
