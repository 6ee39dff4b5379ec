import { custodyLedgerAbi, ledgerChain, ledgerWallet } from "@tracemed/chain";
import assert from "node:assert/strict";
import { after, describe } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { createWalletClient, http, parseGwei, serializeTransaction, toHex, type Hex } from "viem";
import { ClaimSubmitter } from "./claims";
import { startCodedWorld, stopSharedPostgres, TEST_EVM, worldTest } from "./testing";

async function until(what: string, check: () => Promise<boolean>, ms = 20_000) {
  for (const end = Date.now() + ms; !(await check()); await sleep(50))
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
}

after(stopSharedPostgres);

/** The claim submitter of a coded world, signing as its verifier organisation. */
function verifierSubmitter(
  w: Awaited<ReturnType<typeof startCodedWorld>>,
  options: Partial<ConstructorParameters<typeof ClaimSubmitter>[0]>,
) {
  const url = w.client.transport.url!;
  return new ClaimSubmitter({
    db: w.db,
    client: w.client,
    wallet: ledgerWallet({ account: w.cast.verifier, chain: ledgerChain(w.chainId, url), transport: http(url) }),
    chainId: w.chainId,
    ledger: w.ledger,
    holder: "test",
    ...options,
  });
}

describe("claim submitter", () => {
  const test = worldTest(() => startCodedWorld("PostgreSQL 15"));

  test("recordsQueuedConsumerClaimsOnChain_acrossBatches_inOneTransaction_andTheIndexerSeesThem", async (w) => {
    const a = await w.batch(300);
    const b = await w.batch(5);
    await w.index();
    const queue = [
      ...[0, 17, 18, 255, 299].map((i) => ({ batchId: a.batchId, leafIndex: i, commitment: a.commitment(i) })),
      { batchId: b.batchId, leafIndex: 4, commitment: b.commitment(4) },
    ];
    await w.db.claimRequest.createMany({ data: queue.map((q) => ({ ...q, updatedAt: new Date() })) });
    const chain = await w.client.getChainId();
    const submitter = new ClaimSubmitter({
      db: w.db,
      client: w.client,
      wallet: createWalletClient({
        account: w.cast.verifier,
        chain: ledgerChain(chain, w.client.transport.url!),
        transport: http(w.client.transport.url!),
      }),
      chainId: chain,
      ledger: w.ledger,
      holder: "test",
    });
    assert.equal(await submitter.step(), 6);
    const txs = await w.db.claimRequest.findMany({ select: { status: true, txHash: true } });
    assert.ok(txs.every((t) => t.status === "confirmed"));
    assert.equal(new Set(txs.map((t) => t.txHash)).size, 1, "one transaction for both batches");
    for (const q of queue)
      assert.equal(await w.contract(w.cast.deployer).read.isClaimed([q.batchId, BigInt(q.leafIndex)]), true);
    assert.equal(await submitter.step(), 0, "nothing left to do");
    await w.index();
    assert.equal(await w.db.pack.count({ where: { claimedAt: { not: null } } }), 6);
    // A claim already on chain (say, its transaction landed but the row was not updated) is confirmed without a revert.
    await w.db.claimRequest.updateMany({ data: { status: "pending" } });
    assert.equal(await submitter.step(), 0);
    assert.equal(await w.db.claimRequest.count({ where: { status: "confirmed" } }), 6);
  });

  test("replacesAClaimTransactionNoBlockTakes_sameNonceHigherFees_andRecordsEachClaimOnce", async (w) => {
    const a = await w.batch(4);
    await w.index();
    await w.db.claimRequest.createMany({
      data: [1, 2].map((i) => ({
        batchId: a.batchId,
        leafIndex: i,
        commitment: a.commitment(i),
        updatedAt: new Date(),
      })),
    });
    const lines: string[] = [];
    const submitter = verifierSubmitter(w, { replaceAfterMs: 400, log: (l) => lines.push(l) });
    const verifier = w.cast.verifier.address;
    const nonce = await w.client.getTransactionCount({ address: verifier });
    const sentHash = async () => (await w.db.claimRequest.findFirstOrThrow()).txHash as Hex | null;
    // Blocks are made by hand from here on.
    await w.rpc("evm_setAutomine", [false]);
    const round = submitter.step();
    await until("the claim transaction is sent", async () => (await sentHash()) !== null);
    const first = (await w.client.getTransaction({ hash: (await sentHash())! }))!;
    // Blocks get dear: the first transaction's fee cap is now under the base fee, so no block can take it.
    await w.rpc(`${TEST_EVM}_setNextBlockBaseFeePerGas`, [toHex(parseGwei("1000"))]);
    await w.rpc("evm_mine");
    assert.equal(await w.client.getTransactionCount({ address: verifier }), nonce, "the first send was not mined");
    await until("the submitter replaces it", async () => (await sentHash()) !== first.hash);
    const replacement = (await w.client.getTransaction({ hash: (await sentHash())! }))!;
    assert.equal(replacement.nonce, first.nonce, "the same nonce, not a new one");
    assert.ok(replacement.maxFeePerGas! >= first.maxFeePerGas! + first.maxFeePerGas! / 10n + 1n);
    assert.ok(
      replacement.maxPriorityFeePerGas! >= first.maxPriorityFeePerGas! + first.maxPriorityFeePerGas! / 10n + 1n,
    );
    await w.rpc("evm_setAutomine", [true]);
    await w.rpc("evm_mine");
    assert.equal(await round, 2, "both claims recorded");

    const rows = await w.db.claimRequest.findMany();
    assert.ok(rows.every((r) => r.status === "confirmed"));
    const mined = rows[0]!.txHash as Hex;
    assert.notEqual(mined, first.hash);
    assert.equal((await w.client.getTransactionReceipt({ hash: mined })).status, "success");
    await assert.rejects(w.client.getTransactionReceipt({ hash: first.hash }), "the first send is never mined");
    assert.equal(await w.client.getTransactionCount({ address: verifier }), nonce + 1, "one transaction in all");
    assert.ok(
      lines.some((l) => l.includes(`${first.hash} not mined: replaced by`)),
      lines.join("\n"),
    );
    await w.index();
    assert.equal(await w.db.custodyEvent.count({ where: { eventName: "PacksClaimed" } }), 1, "claimed once");
    assert.equal(await w.db.pack.count({ where: { batchId: a.batchId, claimedAt: { not: null } } }), 2);
  });

  test("anEarlierRoundsTransactionMinedInsteadOfItsReplacement_confirmsNoClaimItDidNotCarry", async (w) => {
    const a = await w.batch(4);
    await w.index();
    const claim = (i: number) =>
      w.db.claimRequest.create({ data: { batchId: a.batchId, leafIndex: i, commitment: a.commitment(i) } });
    const row = (i: number) => w.db.claimRequest.findFirstOrThrow({ where: { leafIndex: i } });
    const submitter = (maxWaitMs: number) => verifierSubmitter(w, { replaceAfterMs: 300, maxWaitMs });
    const isClaimed = (i: number) =>
      w.client.readContract({
        address: w.ledger.address,
        abi: custodyLedgerAbi,
        functionName: "isClaimed",
        args: [a.batchId, BigInt(i)],
      });
    await w.rpc("evm_setAutomine", [false]);
    // Round 1 sends the claim of pack 3 and gives up waiting for a block (its row stays "submitted").
    await claim(3);
    assert.equal(await submitter(0).step(), 0);
    const first = (await w.client.getTransaction({ hash: (await row(3)).txHash as Hex }))!;
    // A minute on, that transaction is still unmined, and consumers verified packs 1 and 2 (pack 1's row is
    // the one still naming the first transaction: which rows a stuck transaction carries is not the point).
    await w.db.claimRequest.updateMany({ where: { leafIndex: 3 }, data: { status: "confirmed" } });
    await claim(1);
    await w.db.$executeRawUnsafe(
      `UPDATE "ClaimRequest" SET status = 'submitted', "txHash" = $1, "updatedAt" = now() - interval '2 minutes'
          WHERE "leafIndex" = 1`,
      first.hash,
    );
    await claim(2);
    // Round 2 replaces the first transaction with one claiming packs 1 and 2 ...
    const round = submitter(60_000).step();
    await until("the replacement is sent", async () => (await row(2)).txHash !== null);
    const replacement = (await row(2)).txHash as Hex;
    // ... but a block producer that never saw the replacement mines the first one.
    const signed = serializeTransaction(
      {
        chainId: first.chainId!,
        nonce: first.nonce,
        to: first.to!,
        data: first.input,
        gas: first.gas,
        maxFeePerGas: first.maxFeePerGas!,
        maxPriorityFeePerGas: first.maxPriorityFeePerGas!,
        type: "eip1559",
      },
      { r: first.r, s: first.s, yParity: first.yParity! },
    );
    await w.rpc(`${TEST_EVM}_dropTransaction`, [replacement]);
    assert.equal(await w.rpc("eth_sendRawTransaction", [signed]), first.hash);
    await w.rpc("evm_mine");
    await w.rpc("evm_setAutomine", [true]);
    await round;

    assert.equal(await isClaimed(3), true, "the first transaction was mined");
    for (const i of [1, 2])
      assert.ok(
        (await row(i)).status !== "confirmed" || (await isClaimed(i)),
        `pack ${i}'s claim is not called recorded while the chain has none`,
      );
    // The next round records them.
    await submitter(60_000).step();
    for (const i of [1, 2]) {
      assert.equal(await isClaimed(i), true);
      assert.equal((await row(i)).status, "confirmed");
    }
  });
});
